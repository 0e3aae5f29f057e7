import { bullets, card, heading, image, section, subtle, table, type AdaptiveCard } from '../cards';
import type { Language } from '../contracts';
import { formatMoney, formatPercent, t } from '../i18n';
import type { SegmentOverviewResult } from './index';

export function renderSegmentOverview(r: SegmentOverviewResult, lang: Language): { card: AdaptiveCard; text: string } {
  const total = r.customers.toLocaleString('en-US');
  const intro = t(lang, `${r.segments.length} segments over ${total} customers (segmentation ${r.modelVersion}, data as of ${r.asOf}).`,
    `共 ${r.segments.length} 个客群,覆盖 ${total} 位客户(分群模型 ${r.modelVersion},数据截至 ${r.asOf})。`);
  const alt = t(lang, `Bar chart of segment sizes and mean assets: ${r.segments.map((s) => `${s.name} ${formatPercent(s.share)}`).join(', ')}`,
    `客群规模与户均资产柱状图:${r.segments.map((s) => `${s.name} ${formatPercent(s.share)}`).join(',')}`);
  const rows = r.segments.map((s) => [
    s.name,
    s.size.toLocaleString('en-US'),
    formatPercent(s.share),
    String(Math.round(s.meanAge)),
    formatMoney(s.meanAssets),
    s.meanProducts.toFixed(1),
    formatPercent(s.digitalShare, 0),
    formatPercent(s.crossBorderShare),
  ]);
  const body = [
    heading(t(lang, 'Customer segments', '客群概览')),
    subtle(intro),
    image(r.chartUrl, alt),
    table(
      [
        t(lang, 'Segment', '客群'),
        t(lang, 'Customers', '客户数'),
        t(lang, 'Share', '占比'),
        t(lang, 'Mean age', '平均年龄'),
        t(lang, 'Mean assets', '户均资产'),
        t(lang, 'Products', '产品数'),
        t(lang, 'Digital', '线上交易'),
        t(lang, 'Cross-border', '跨境交易'),
      ],
      rows,
    ),
    section(t(lang, 'What sets each segment apart', '各客群特征')),
    bullets(r.segments.map((s) => `**${s.name}**: ${s.description}`)),
  ];
  const text = [
    intro,
    ...r.segments.map((s) =>
      t(lang, `${s.name}: ${s.size.toLocaleString('en-US')} customers (${formatPercent(s.share)}), mean age ${Math.round(s.meanAge)}, mean assets ${formatMoney(s.meanAssets)}. ${s.description}`,
        `${s.name}:${s.size.toLocaleString('en-US')} 位客户(${formatPercent(s.share)}),平均年龄 ${Math.round(s.meanAge)} 岁,户均资产 ${formatMoney(s.meanAssets)}。${s.description}`),
    ),
  ].join('\n');
  return { card: card(body), text };
}
