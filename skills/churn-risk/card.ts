import { bullets, card, facts, heading, paragraph, section, subtle, type AdaptiveCard } from '../cards';
import type { Language } from '../contracts';
import { formatPercent, t } from '../i18n';
import type { ChurnRiskResult } from './index';

const LEVEL: Record<ChurnRiskResult['level'], { en: string; zh: string; color: 'Attention' | 'Warning' | 'Good' }> = {
  high: { en: 'high', zh: '高', color: 'Attention' },
  medium: { en: 'medium', zh: '中', color: 'Warning' },
  low: { en: 'low', zh: '低', color: 'Good' },
};

export function renderChurnRisk(r: ChurnRiskResult, lang: Language): { card: AdaptiveCard; text: string } {
  const level = LEVEL[r.level];
  const headline = t(lang, `Churn risk is ${level.en}: ${formatPercent(r.probability)} chance of leaving in the next 6 months.`,
    `流失风险:${level.zh}(未来6个月流失概率 ${formatPercent(r.probability)})。`);
  const drivers = r.drivers.length
    ? r.drivers.map((d) => d.text)
    : [t(lang, 'Nothing in this customer’s data raises the risk above the average.', '该客户数据中没有推高流失风险的因素。')];
  const body = [
    heading(t(lang, `Churn risk: ${r.name} (${r.customerId})`, `流失风险:${r.name}(${r.customerId})`)),
    subtle(t(lang, `Churn model v${r.modelVersion} · data as of ${r.asOf}`, `流失模型 v${r.modelVersion} · 数据截至 ${r.asOf}`)),
    paragraph(headline, { color: level.color }),
    facts([
      [t(lang, 'Probability', '概率'), formatPercent(r.probability)],
      [t(lang, 'Level', '等级'), lang === 'zh' ? level.zh : level.en],
    ]),
    section(t(lang, 'Why (the model’s own drivers for this customer)', '原因(模型对该客户的主要驱动因素)')),
    bullets(drivers),
    section(t(lang, 'Suggested retention actions', '建议的挽留措施')),
    ...r.retentionActions.flatMap((q) => [paragraph(`**${q.heading}** — ${q.excerpt}`), subtle(q.citation)]),
  ];
  const text = [
    t(lang, `Churn risk for ${r.name} (${r.customerId}):`, `${r.name}(${r.customerId})的流失风险:`),
    headline,
    t(lang, 'Drivers:', '驱动因素:'),
    ...drivers.map((d) => `- ${d}`),
    t(lang, 'Suggested actions:', '建议措施:'),
    ...r.retentionActions.map((q) => `- ${q.heading}: ${q.excerpt} (${q.citation})`),
  ].join('\n');
  return { card: card(body), text };
}
