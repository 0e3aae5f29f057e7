/**
 * The training pipeline: features as of the snapshot (as_of − outcome window), labels from the window,
 * one model per target, holdout figures, and a new registry version per model.
 */
import type { BankDatabase } from '../../data/database';
import { PRODUCT_CODES, type ProductCode } from '../../data/vocabulary';
import { MODEL_FEATURES } from '../features/catalogue';
import { addMonths } from '../features/dates';
import { readAsOf } from '../features/stream';
import { saveModelVersion } from '../registry/repository';
import { MODEL_NAMES, type ModelMetrics } from '../registry/types';
import { buildTrainingSet } from './dataset';
import { fitCreditModel, fitTreeModel, SCORECARD_CANDIDATES, type FitOutcome, type FitSettings } from './model-fit';

export interface TrainOptions {
  /** Seed of the holdout split and the tree models (default 42). */
  seed?: number;
  /** Share of customers held out for the metrics (default 0.2). */
  holdoutFraction?: number;
  /** Length of the outcome window in months; the snapshot is as_of minus this (default 6). */
  windowMonths?: number;
  /** Customers per feature page (default 20,000). */
  pageSize?: number;
  /** Fewer training positives than this and a model is skipped (default 20). */
  minPositives?: number;
  /** Products to build propensity models for (default all of PRODUCT_CODES). */
  products?: readonly ProductCode[];
  /** Progress lines for the console. */
  onProgress?: (line: string) => void;
  /** The clock, for the training date (default now). */
  now?: () => Date;
}

export interface TrainReport {
  asOf: string;
  snapshot: string;
  customers: number;
  trained: { name: string; version: number; metrics: ModelMetrics }[];
  skipped: { name: string; reason: string }[];
  seconds: number;
}

/** Trains and registers every model from the bank in `bank`. */
export async function trainAllModels(bank: BankDatabase, options: TrainOptions = {}): Promise<TrainReport> {
  const started = performance.now();
  const say = options.onProgress ?? (() => undefined);
  const windowMonths = options.windowMonths ?? 6;
  if (!Number.isInteger(windowMonths) || windowMonths < 1 || windowMonths > 12) throw new Error(`windowMonths must be 1..12, got ${windowMonths}`);
  const settings: FitSettings = {
    seed: options.seed ?? 42,
    holdoutFraction: options.holdoutFraction ?? 0.2,
    minPositives: options.minPositives ?? 20,
  };
  if (!(settings.holdoutFraction > 0 && settings.holdoutFraction < 0.9)) throw new Error(`holdoutFraction must be in (0, 0.9), got ${settings.holdoutFraction}`);
  const asOf = await readAsOf(bank.db);
  const snapshot = addMonths(asOf, -windowMonths);
  const trainedAt = (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  say(`[train] as of ${asOf}: features at snapshot ${snapshot}, outcomes ${snapshot} … ${asOf}`);

  const set = await buildTrainingSet(bank.db, snapshot, asOf, {
    pageSize: options.pageSize,
    onPage: (p) => say(`[train] features and labels: ${p.customers.toLocaleString('en')} customers (${secs(started)} s)`),
  });
  const report: TrainReport = { asOf, snapshot, customers: set.ids.length, trained: [], skipped: [], seconds: 0 };

  const register = async (name: string, outcome: FitOutcome) => {
    if (!outcome.ok) {
      report.skipped.push({ name, reason: outcome.reason });
      say(`[train] ${name}: skipped, ${outcome.reason}`);
      return;
    }
    const record = await saveModelVersion(bank.db, { name, trainedAt, ...outcome.version });
    report.trained.push({ name, version: record.version, metrics: record.metrics });
    const m = record.metrics;
    say(
      `[train] ${name} v${record.version}: holdout AUC ${m.rocAuc.toFixed(3)}, PR AUC ${m.prAuc.toFixed(3)}, KS ${m.ks.toFixed(3)}, ` +
        `Brier ${m.brier.toFixed(4)}; ${m.trainRows.toLocaleString('en')} rows, ${m.trainPositives} positives, fit ${m.trainSeconds.toFixed(1)} s (${secs(started)} s)`,
    );
  };

  await register(MODEL_NAMES.credit, fitCreditModel(set, SCORECARD_CANDIDATES, settings));
  await register(MODEL_NAMES.churn, fitTreeModel(set, set.churn, MODEL_FEATURES, settings));
  for (const product of options.products ?? PRODUCT_CODES) {
    await register(MODEL_NAMES.propensity(product), fitTreeModel(set, set.propensity[product], MODEL_FEATURES, settings));
  }
  report.seconds = (performance.now() - started) / 1000;
  say(`[train] done: ${report.trained.length} models trained, ${report.skipped.length} skipped, ${report.seconds.toFixed(1)} s`);
  return report;
}

const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
