import { card, heading, paragraph, subtle, table, type AdaptiveCard } from '../cards';
import type { Language } from '../contracts';
import { formatMoney, formatPercent, t } from '../i18n';
import type { SkillAnswer } from '../skill';
import type { Comparison, CustomerSegmentResult } from './index';

const LABELS: Record<Comparison['key'], { en: string; zh: string; format: (x: number) => string }> = {
  age: { en: 'Age', zh: '年龄', format: (x) => String(x) },
  totalAssets: { en: 'Total assets', zh: '总资产', format: formatMoney },
  products: { en: 'Products held', zh: '持有产品数', format: (x) => String(x) },
  digitalShare: { en: 'Mobile/online share', zh: '线上交易占比', format: (x) => formatPercent(x, 0) },
  crossBorderShare: { en: 'Cross-border share', zh: '跨境交易占比', format: (x) => formatPercent(x, 1) },
  transactionsPerMonth: { en: 'Transactions per month', zh: '月均交易笔数', format: (x) => String(x) },
};

export function renderCustomerSegment(r: CustomerSegmentResult, lang: Language): { card: AdaptiveCard; text: string } {
  const headline = t(lang, `${r.name} (${r.customerId}) is in segment "${r.segmentName}" (${r.segmentSize.toLocaleString('en-US')} customers, ${formatPercent(r.segmentShare)} of the bank).`,
    `${r.name}(${r.customerId})属于"${r.segmentName}"客群(${r.segmentSize.toLocaleString('en-US')} 位客户,占全行 ${formatPercent(r.segmentShare)})。`);
  const rows = r.comparison.map((c) => {
    const l = LABELS[c.key];
    const diff = c.segment === 0 ? '' : c.customer > c.segment * 1.2 ? t(lang, 'higher', '偏高') : c.customer < c.segment * 0.8 ? t(lang, 'lower', '偏低') : t(lang, 'typical', '接近');
    return [lang === 'zh' ? l.zh : l.en, l.format(c.customer), l.format(c.segment), diff];
  });
  const body = [
    heading(t(lang, `Segment: ${r.name} (${r.customerId})`, `客群:${r.name}(${r.customerId})`)),
    subtle(t(lang, `Segmentation ${r.modelVersion} · data as of ${r.asOf}`, `分群模型 ${r.modelVersion} · 数据截至 ${r.asOf}`)),
    paragraph(headline),
    paragraph(r.description),
    table([t(lang, 'Compared with the segment', '与客群对比'), t(lang, 'Customer', '客户'), t(lang, 'Segment average', '客群平均'), ''], rows),
  ];
  const text = [headline, r.description, ...rows.map((x) => `- ${x[0]}: ${x[1]} vs ${x[2]} ${x[3]}`)].join('\n');
  return { card: card(body), text };
}

export function notSegmentedAnswer(customerId: string, lang: Language): SkillAnswer {
  const text = t(lang, `Customer ${customerId} has not been segmented yet; the segmentation runs with "npm run train".`,
    `客户 ${customerId} 尚未分群;分群会在运行 "npm run train" 时完成。`);
  return { outcome: 'answered', result: { customerId, available: false }, card: card([paragraph(text, { color: 'Warning' })]), text };
}
