import { card, facts, heading, paragraph, section, subtle, table, type AdaptiveCard } from '../cards';
import type { Language } from '../contracts';
import { t } from '../i18n';
import { policySection } from '../policy-quote';
import type { ModelCardResult, ModelListResult } from './index';

const BAND_TEXT: Record<string, { en: string; zh: string }> = {
  stable: { en: 'stable', zh: '稳定' },
  moderate: { en: 'moderate shift: investigate', zh: '中度偏移:需调查' },
  act: { en: 'significant shift: act', zh: '显著偏移:需处理' },
};

const band = (b: string, lang: Language) => (lang === 'zh' ? BAND_TEXT[b]?.zh : BAND_TEXT[b]?.en) ?? b;

export function renderModelCard(r: ModelCardResult, lang: Language): { card: AdaptiveCard; text: string } {
  const m = r.metrics;
  const metricLine = `ROC AUC ${m.rocAuc.toFixed(3)} · PR AUC ${m.prAuc.toFixed(3)} · KS ${m.ks.toFixed(3)} · Brier ${m.brier.toFixed(4)}`;
  const driftLine = t(lang, `Drift since training: ${band(r.drift.overall, lang)} (PSI of the top ${r.drift.features.length} features over ${r.drift.sampled.toLocaleString('en-US')} customers as of ${r.drift.asOf}).`,
    `训练以来的漂移:${band(r.drift.overall, lang)}(截至 ${r.drift.asOf},基于 ${r.drift.sampled.toLocaleString('en-US')} 位客户计算前 ${r.drift.features.length} 个特征的 PSI)。`);
  const body = [
    heading(t(lang, `Model card: ${r.model} v${r.version}`, `模型说明:${r.model} v${r.version}`)),
    subtle(t(lang, `${r.kind} · trained ${r.trainedAt.slice(0, 10)} on data as of ${r.snapshotDate}`, `${r.kind} · ${r.trainedAt.slice(0, 10)} 训练,数据快照 ${r.snapshotDate}`)),
    facts([
      [t(lang, 'Holdout metrics', '验证集指标'), metricLine],
      [t(lang, 'Training / holdout rows', '训练 / 验证样本'), `${m.trainRows.toLocaleString('en-US')} / ${m.holdoutRows.toLocaleString('en-US')}`],
      [t(lang, 'Base rate', '基准比例'), `${(m.baseRate * 100).toFixed(1)}%`],
      [t(lang, 'Features', '特征数'), String(r.features.length)],
    ]),
    section(t(lang, 'Drift (population stability)', '漂移(群体稳定性)')),
    paragraph(driftLine, { color: r.drift.overall === 'stable' ? 'Good' : r.drift.overall === 'moderate' ? 'Warning' : 'Attention' }),
    table(
      [t(lang, 'Feature', '特征'), 'PSI', t(lang, 'Band', '等级')],
      r.drift.features.map((f) => [f.feature, f.psi.toFixed(4), band(f.band, lang)]),
    ),
    ...policySection(r.policy, lang),
  ];
  const text = [
    t(lang, `Model ${r.model} v${r.version}, trained ${r.trainedAt.slice(0, 10)} (data snapshot ${r.snapshotDate}).`, `模型 ${r.model} v${r.version},${r.trainedAt.slice(0, 10)} 训练(数据快照 ${r.snapshotDate})。`),
    metricLine,
    driftLine,
    ...r.drift.features.map((f) => `- ${f.feature}: PSI ${f.psi.toFixed(4)} (${band(f.band, lang)})`),
    ...r.policy.map((p) => `${p.citation}: ${p.excerpt}`),
  ].join('\n');
  return { card: card(body), text };
}

export function renderModelList(r: ModelListResult, lang: Language): { card: AdaptiveCard; text: string } {
  const intro =
    r.models.length === 0
      ? t(lang, 'No trained model is loaded. An administrator can train them with "npm run train".', '当前没有已训练的模型。管理员可运行 "npm run train" 训练。')
      : t(lang, 'Models in use. Ask about one ("how good is the churn model?") for its card and drift.', '当前使用的模型。可询问某个模型(如"流失模型效果如何")查看说明和漂移。');
  const body = [
    heading(t(lang, 'Models', '模型')),
    paragraph(intro),
    ...(r.models.length ? [table([t(lang, 'Model', '模型'), t(lang, 'Version', '版本'), t(lang, 'Trained', '训练日期'), 'ROC AUC'], r.models.map((m) => [m.model, `v${m.version}`, m.trainedAt.slice(0, 10), m.rocAuc.toFixed(3)]))] : []),
    ...r.warnings.map((w) => paragraph(w, { color: 'Warning' })),
  ];
  const text = [intro, ...r.models.map((m) => `- ${m.model} v${m.version} (${m.trainedAt.slice(0, 10)}), ROC AUC ${m.rocAuc.toFixed(3)}`), ...r.warnings].join('\n');
  return { card: card(body), text };
}
