import { z } from 'zod';
import { PRODUCT_CODES, type ProductCode } from '../../data/vocabulary';
import type { ActiveModels, LoadedModel } from '../../models/registry/types';
import type { DriftReport } from '../../models/scoring/drift';
import { entitiesSchema } from '../contracts';
import { quotePolicy, type PolicyQuote } from '../policy-quote';
import { defineSkill } from '../skill';
import { renderModelCard, renderModelList } from './card';

const MODEL_KINDS = ['credit', 'churn', 'propensity'] as const;

export const modelInfoInput = entitiesSchema.pick({ product: true }).extend({
  model: z.enum(MODEL_KINDS).optional(),
  /** The user's words, read for the model they mean ("churn model", "信用评分卡"). */
  question: z.string().max(2000).optional(),
});

export interface ModelCardResult {
  [key: string]: unknown;
  model: string;
  version: number;
  kind: string;
  trainedAt: string;
  snapshotDate: string;
  metrics: { rocAuc: number; prAuc: number; ks: number; brier: number; trainRows: number; holdoutRows: number; baseRate: number };
  features: string[];
  drift: { asOf: string; sampled: number; overall: string; features: Array<{ feature: string; psi: number; band: string }> };
  policy: PolicyQuote[];
}

export interface ModelListResult {
  [key: string]: unknown;
  models: Array<{ model: string; version: number; trainedAt: string; rocAuc: number }>;
  warnings: string[];
}

/** Which model the user means, from the explicit input or their words. */
export function whichModel(input: z.infer<typeof modelInfoInput>): { kind: (typeof MODEL_KINDS)[number]; product?: ProductCode } | undefined {
  const text = (input.question ?? '').toLowerCase();
  const kind =
    input.model ??
    (/churn|attrition|leave|流失/.test(text)
      ? 'churn'
      : /credit|scorecard|default|pd\b|信用|评分卡|违约/.test(text)
        ? 'credit'
        : /propensity|campaign|take-up|倾向|营销/.test(text) || input.product
          ? 'propensity'
          : undefined);
  if (!kind) return undefined;
  return kind === 'propensity' ? { kind, product: input.product ?? PRODUCT_CODES.find((p) => text.includes(p.replace('_', ' '))) } : { kind };
}

function pick(active: ActiveModels, which: NonNullable<ReturnType<typeof whichModel>>): LoadedModel | null {
  if (which.kind === 'credit') return active.credit;
  if (which.kind === 'churn') return active.churn;
  if (which.product) return active.propensity.get(which.product) ?? null;
  return null;
}

export const modelInfoSkill = defineSkill({
  name: 'model_info',
  description: 'A model card: version, training date, data snapshot, holdout metrics (ROC AUC, PR AUC, KS, Brier), features and drift (PSI of the top features, stable / moderate / act). Without a model named, lists every model.',
  input: modelInfoInput,
  permission: 'staff',
  async run(input, ctx) {
    const lang = ctx.language;
    const active = ctx.services.models.active;
    const which = whichModel(input);
    const model = which ? pick(active, which) : null;
    if (!model) {
      const all: LoadedModel[] = [active.credit, active.churn, ...active.propensity.values()].filter((m): m is NonNullable<typeof m> => m !== null);
      const result: ModelListResult = {
        models: all.map((m) => ({ model: m.record.name, version: m.record.version, trainedAt: m.record.trainedAt, rocAuc: m.record.metrics.rocAuc })),
        warnings: [...active.warnings],
      };
      const { card, text } = renderModelList(result, lang);
      return { outcome: 'answered', result, card, text };
    }
    const drift: DriftReport = await ctx.services.models.drift(model);
    const m = model.record.metrics;
    const result: ModelCardResult = {
      model: model.record.name,
      version: model.record.version,
      kind: model.kind,
      trainedAt: model.record.trainedAt,
      snapshotDate: model.record.snapshotDate,
      metrics: { rocAuc: m.rocAuc, prAuc: m.prAuc, ks: m.ks, brier: m.brier, trainRows: m.trainRows, holdoutRows: m.holdoutRows, baseRate: m.baseRate },
      features: [...model.record.features],
      drift: { asOf: drift.asOf, sampled: drift.sampled, overall: drift.overall, features: drift.features.map((f) => ({ feature: f.feature, psi: Math.round(f.psi * 10_000) / 10_000, band: f.band })) },
      policy: [quotePolicy(ctx.services, 'modelMonitoring', lang)],
    };
    const { card, text } = renderModelCard(result, lang);
    return { outcome: 'answered', result, card, text };
  },
});
