import { seededRandom } from '../segmentation/random';
import { combineEvidence, type Reason } from './evidence';
import { categoryLogAmountStats, TRANSACTION_FEATURE_COUNT, walkCustomer } from './history';
import { fitIsolationForest, isolationScore, type IsolationForest } from './isolation-forest';
import type { Population, TransactionContext, TransactionRow } from './types';

/** Column of `category_amount_z` in the transaction features. */
const CATEGORY_Z = 2;

/** A fitted detector: population facts, the isolation forest and the flagging threshold. */
export interface AnomalyModel {
  version: string;
  population: Population;
  forest: IsolationForest;
  /** Transactions scoring at or above this are flagged. */
  threshold: number;
  expectedRate: number;
  calibration: { customers: number; transactions: number };
}

export interface AnomalyFitOptions {
  seed?: number;
  /** Share of transactions expected to be unusual; the threshold flags about this share of the calibration sample. Default 0.0015. */
  expectedRate?: number;
  trees?: number;
  subsample?: number;
  version?: string;
}

export interface ScoredTransaction {
  score: number;
  reasons: Reason[];
  flagged: boolean;
}

export const DEFAULT_EXPECTED_RATE = 0.0015;

/**
 * Fits the detector on a calibration sample of customers (each one's transactions in time order):
 * amount statistics per category from their transactions, an isolation forest over the features of their
 * transactions at or after `windowStart` (each computed from earlier history only), and the threshold
 * that flags `expectedRate` of those transactions. `population` supplies country and merchant shares.
 */
export function fitAnomalyModel(
  customers: readonly (readonly TransactionRow[])[],
  population: Omit<Population, 'categoryLogAmount'>,
  windowStart: string,
  options: AnomalyFitOptions = {},
): AnomalyModel {
  const expectedRate = options.expectedRate ?? DEFAULT_EXPECTED_RATE;
  if (!(expectedRate > 0 && expectedRate < 0.5)) throw new Error(`expectedRate must be in (0, 0.5), got ${expectedRate}`);
  const seed = options.seed ?? 42;
  const full: Population = { ...population, categoryLogAmount: categoryLogAmountStats(customers.flat()) };
  const rows: Float64Array[] = [];
  const pending: { tx: TransactionRow; ctx: TransactionContext }[] = [];
  for (const history of customers) {
    walkCustomer(history, full, windowStart, (tx, features, ctx) => {
      rows.push(features);
      pending.push({ tx, ctx });
    });
  }
  if (rows.length < 2) throw new Error(`calibration needs at least 2 transactions since ${windowStart}, got ${rows.length}`);
  const data = new Float64Array(rows.length * TRANSACTION_FEATURE_COUNT);
  rows.forEach((r, i) => data.set(r, i * TRANSACTION_FEATURE_COUNT));
  const forest = fitIsolationForest(data, rows.length, TRANSACTION_FEATURE_COUNT, {
    seed: seededRandom(seed).int(2 ** 31),
    trees: options.trees ?? 100,
    subsample: options.subsample ?? 256,
  });
  const scores = new Float64Array(rows.length);
  rows.forEach((features, i) => {
    const p = pending[i] as (typeof pending)[number];
    scores[i] = combineEvidence(p.tx, p.ctx, features[CATEGORY_Z] as number, isolationScore(forest, features)).score;
  });
  scores.sort();
  const at = Math.min(scores.length - 1, Math.max(0, Math.floor(scores.length * (1 - expectedRate))));
  const threshold = scores[at] as number;
  return {
    version: options.version ?? `anomaly-s${seed}-r${expectedRate}`,
    population: full,
    forest,
    threshold,
    expectedRate,
    calibration: { customers: customers.length, transactions: rows.length },
  };
}

/** Scores one transaction given its features and context (from `walkCustomer`). */
export function scoreTransaction(model: AnomalyModel, tx: TransactionRow, features: Float64Array, ctx: TransactionContext): ScoredTransaction {
  const { score, reasons } = combineEvidence(tx, ctx, features[CATEGORY_Z] as number, isolationScore(model.forest, features));
  return { score, reasons, flagged: score >= model.threshold };
}

/** Scores every transaction of one customer at or after `windowStart` against the history before it. */
export function scoreCustomer(
  model: AnomalyModel,
  transactions: readonly TransactionRow[],
  windowStart: string,
): { tx: TransactionRow; result: ScoredTransaction }[] {
  const out: { tx: TransactionRow; result: ScoredTransaction }[] = [];
  walkCustomer(transactions, model.population, windowStart, (tx, features, ctx) => out.push({ tx, result: scoreTransaction(model, tx, features, ctx) }));
  return out;
}
