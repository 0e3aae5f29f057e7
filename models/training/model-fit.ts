/**
 * Fitting one model on one population of the training set: selects the population rows, splits
 * train/holdout, fits, measures on the holdout and profiles the training distribution for drift.
 */
import { fitGbdt, predictGbdtBatch, serialiseGbdt, type GbdtOptions } from '../gbdt';
import { profile, type PsiProfile } from '../psi';
import { fitScorecard, predictScorecard, serializeScorecard, type ScorecardOptions } from '../scorecard';
import type { NumericColumn } from '../tabular';
import { featureIndex } from '../features/catalogue';
import type { NewModelVersion } from '../registry/repository';
import type { ModelKind, ModelMetrics } from '../registry/types';
import { inHoldout, type TrainingSet } from './dataset';
import { holdoutFigures } from './evaluate';

export interface FitSettings {
  seed: number;
  holdoutFraction: number;
  /** Fewer training positives than this: the model is skipped (too little to learn from). */
  minPositives: number;
}

/** A fitted model ready for the registry, or the reason it was skipped. */
export type FitOutcome = { ok: true; version: Omit<NewModelVersion, 'name' | 'trainedAt'> } | { ok: false; reason: string };

interface Population {
  rows: Int32Array; // indices into the training set
  y: Float64Array; // labels of those rows
  holdout: Uint8Array; // 1 = holdout
  trainIdx: Int32Array; // positions in `rows` used to fit
  testIdx: Int32Array; // positions in `rows` used to measure
  trainPositives: number;
  testPositives: number;
}

function population(set: TrainingSet, labels: Int8Array, s: FitSettings): Population {
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) rows.push(i);
  const y = Float64Array.from(rows, (i) => labels[i]);
  const holdout = Uint8Array.from(rows, (i) => (inHoldout(set.ids[i], s.seed, s.holdoutFraction) ? 1 : 0));
  const train: number[] = [];
  const test: number[] = [];
  let trainPositives = 0;
  let testPositives = 0;
  for (let k = 0; k < rows.length; k++) {
    if (holdout[k]) {
      test.push(k);
      testPositives += y[k];
    } else {
      train.push(k);
      trainPositives += y[k];
    }
  }
  return { rows: Int32Array.from(rows), y, holdout, trainIdx: Int32Array.from(train), testIdx: Int32Array.from(test), trainPositives, testPositives };
}

function tooFew(pop: Population, s: FitSettings): string | null {
  if (pop.trainPositives < s.minPositives) return `only ${pop.trainPositives} positives in ${pop.trainIdx.length} training rows (need ${s.minPositives})`;
  if (pop.testPositives < 3 || pop.testPositives === pop.testIdx.length) return `holdout has ${pop.testPositives} positives in ${pop.testIdx.length} rows, too few to measure`;
  return null;
}

function column(set: TrainingSet, feature: string, rows: Int32Array): Float64Array {
  const c = featureIndex(feature);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = set.values[rows[k] * set.width + c];
  return out;
}

function profiles(set: TrainingSet, features: readonly string[], pop: Population): Record<string, PsiProfile> {
  const trainRows = Int32Array.from(pop.trainIdx, (k) => pop.rows[k]);
  return Object.fromEntries(features.map((f) => [f, profile(column(set, f, trainRows), 10)]));
}

function metricsOf(pop: Population, p: Float64Array, trainSeconds: number): ModelMetrics {
  const yTest = Float64Array.from(pop.testIdx, (k) => pop.y[k]);
  let positives = 0;
  for (let k = 0; k < pop.y.length; k++) positives += pop.y[k];
  return {
    ...holdoutFigures(yTest, p),
    trainRows: pop.trainIdx.length,
    holdoutRows: pop.testIdx.length,
    trainPositives: pop.trainPositives,
    holdoutPositives: pop.testPositives,
    baseRate: pop.y.length > 0 ? positives / pop.y.length : 0,
    trainSeconds,
  };
}

const round = (m: ModelMetrics): ModelMetrics =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number.isInteger(v) ? v : Number(v.toFixed(6))])) as unknown as ModelMetrics;

/**
 * Candidate characteristics of the credit scorecard: repayment behaviour, indebtedness, income and
 * stability — what credit policy accepts as grounds for a credit decision. Marketing responses and
 * consent are deliberately not candidates.
 */
export const SCORECARD_CANDIDATES: readonly string[] = [
  'age', 'tenure_months', 'income', 'products_held', 'credit_products_held', 'holds_credit_card', 'holds_personal_loan',
  'holds_mortgage', 'holds_sme_loan', 'balance_trend_3m', 'inflow_3m', 'salary_credits_3m', 'spend_3m', 'txn_count_90d',
  'txn_count_trend', 'max_dpd_12m', 'count_dpd30_12m', 'repayment_to_income', 'prior_defaults', 'complaints_12m',
];

/** Coarser bins and a higher information-value bar when there are few defaults to learn from. */
export function scorecardSettings(trainPositives: number): ScorecardOptions {
  return trainPositives < 300
    ? { initialBins: 10, minBinFraction: 0.05, minIv: 0.05, C: 0.3 }
    : { initialBins: 20, minBinFraction: 0.05, minIv: 0.02, C: 1 };
}

/** The WoE credit scorecard on the default population. */
export function fitCreditModel(set: TrainingSet, features: readonly string[], s: FitSettings): FitOutcome {
  const pop = population(set, set.default, s);
  const few = tooFew(pop, s);
  if (few) return { ok: false, reason: few };
  const started = performance.now();
  const columns: NumericColumn[] = features.map((name) => ({ name, kind: 'numeric', values: column(set, name, pop.rows) }));
  const card = fitScorecard(columns, pop.y, pop.trainIdx, scorecardSettings(pop.trainPositives));
  const seconds = (performance.now() - started) / 1000;
  const p = predictScorecard(card, columns, pop.testIdx);
  const used = card.characteristics.map((c) => c.binning.name);
  return {
    ok: true,
    version: {
      kind: 'scorecard' as ModelKind,
      snapshotDate: set.snapshot,
      metrics: round(metricsOf(pop, p, seconds)),
      features: used,
      featureProfile: profiles(set, used, pop),
      artifact: serializeScorecard(card),
    },
  };
}

/** Tree settings by training size: shallow and short on small banks, early stopping on large ones. */
export function gbdtSettings(rows: number, seed: number): GbdtOptions {
  return rows >= 10_000
    ? { maxIter: 200, learningRate: 0.1, maxLeafNodes: 15, minSamplesLeaf: 50, l2Regularization: 1, earlyStopping: true, seed }
    : { maxIter: 80, learningRate: 0.08, maxLeafNodes: 8, minSamplesLeaf: 30, l2Regularization: 1, earlyStopping: false, seed };
}

/** A gradient-boosted tree classifier for `labels` (churn or a product's take-up). */
export function fitTreeModel(set: TrainingSet, labels: Int8Array, features: readonly string[], s: FitSettings): FitOutcome {
  const pop = population(set, labels, s);
  const few = tooFew(pop, s);
  if (few) return { ok: false, reason: few };
  const cols = features.map(featureIndex);
  const rowOf = (k: number) => {
    const base = pop.rows[k] * set.width;
    return cols.map((c) => set.values[base + c]);
  };
  const X = Array.from(pop.trainIdx, rowOf);
  const y = Array.from(pop.trainIdx, (k) => pop.y[k]);
  const started = performance.now();
  const model = fitGbdt(X, y, gbdtSettings(X.length, s.seed));
  const seconds = (performance.now() - started) / 1000;
  const p = predictGbdtBatch(model, Array.from(pop.testIdx, rowOf));
  return {
    ok: true,
    version: {
      kind: 'gbdt' as ModelKind,
      snapshotDate: set.snapshot,
      metrics: round(metricsOf(pop, p, seconds)),
      features: [...features],
      featureProfile: profiles(set, features, pop),
      artifact: serialiseGbdt(model),
    },
  };
}
