import { bullets, card, facts, heading, paragraph, section, subtle, table, type AdaptiveCard, type CardElement } from '../cards';
import type { Language } from '../contracts';
import { formatPercent, t } from '../i18n';
import { policySection } from '../policy-quote';
import type { CreditRiskResult } from './index';

const BAND_COLOR: Record<string, 'Good' | 'Accent' | 'Warning' | 'Attention'> = { A: 'Good', B: 'Good', C: 'Accent', D: 'Warning', E: 'Attention' };

export function renderCreditRisk(r: CreditRiskResult, lang: Language): { card: AdaptiveCard; text: string } {
  const range = r.bandPdRange ? `${formatPercent(r.bandPdRange.min)}–${formatPercent(r.bandPdRange.max)}` : '';
  const headline = t(lang, `Credit score ${r.score}, band ${r.band} (probability of default ${formatPercent(r.pd, 2)}; band ${r.band} covers ${range}).`,
    `信用评分 ${r.score},风险等级 ${r.band}(违约概率 ${formatPercent(r.pd, 2)};${r.band} 级对应 ${range})。`);
  const reasons = r.reasons.length
    ? r.reasons.map((x) => t(lang, `${x.text} (−${x.lostPoints} points)`, `${x.text}(扣 ${x.lostPoints} 分)`))
    : [t(lang, 'No characteristic cost points: the customer is in the best bin everywhere.', '各项特征均处于最优区间,未扣分。')];
  const body: CardElement[] = [
    heading(t(lang, `Credit risk: ${r.name} (${r.customerId})`, `信用风险:${r.name}(${r.customerId})`)),
    subtle(t(lang, `Scorecard v${r.modelVersion} · data as of ${r.asOf}`, `评分卡 v${r.modelVersion} · 数据截至 ${r.asOf}`)),
    paragraph(headline, { color: BAND_COLOR[r.band] }),
    facts([
      [t(lang, 'Score', '评分'), String(r.score)],
      [t(lang, 'Risk band', '风险等级'), r.band],
      [t(lang, 'Probability of default (12 m)', '违约概率(12个月)'), formatPercent(r.pd, 2)],
    ]),
    section(t(lang, 'Main reasons', '主要原因')),
    bullets(reasons),
  ];
  if (r.breakdown) {
    body.push(
      section(t(lang, 'Full breakdown by characteristic', '各特征得分明细')),
      table(
        [t(lang, 'Characteristic', '特征'), t(lang, 'Points', '得分'), t(lang, 'Lost', '扣分')],
        r.breakdown.map((b) => [b.text, `${b.points} / ${b.maxPoints}`, b.lostPoints > 0 ? `−${b.lostPoints}` : '0']),
      ),
    );
  } else {
    body.push(subtle(t(lang, 'Ask "why?" for the full breakdown.', '回复"为什么"查看完整明细。')));
  }
  body.push(...policySection(r.policy, lang));
  const text = [
    t(lang, `Credit risk for ${r.name} (${r.customerId}):`, `${r.name}(${r.customerId})的信用风险:`),
    headline,
    t(lang, 'Main reasons:', '主要原因:'),
    ...reasons.map((x) => `- ${x}`),
    ...(r.breakdown ? r.breakdown.map((b) => `  ${b.text}: ${b.points}/${b.maxPoints}`) : []),
    ...r.policy.map((p) => `${p.citation}: ${p.excerpt}`),
  ].join('\n');
  return { card: card(body), text };
}
