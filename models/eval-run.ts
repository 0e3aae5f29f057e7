/**
 * K-fold evaluation on a data set's own `fold` column: for every fold k, fit on the other folds
 * (timed, preprocessing included), predict fold k, and score it. Metrics are deterministic for a
 * given seed; only the fit times vary between runs.
 */
import type { EvalModel, ModelName } from './eval-types';
import { foldMetrics, mean, median, std, type FoldMetrics } from './metrics';
import { foldSplit, pick, type TabularDataset } from './tabular';

export const METRIC_KEYS = ['rocAuc', 'prAuc', 'brier', 'ks', 'logLoss'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export interface FoldResult extends FoldMetrics {
  fold: number;
  /** Wall time of preprocessing + fit on the training folds, seconds. */
  fitSeconds: number;
  /**
   * Process CPU time (user + system) of the same fit, seconds. On a machine busy with other work
   * the wall time includes waiting for a core; the CPU time does not.
   */
  fitCpuSeconds: number;
}

export interface ModelResult {
  model: ModelName;
  description: string;
  folds: FoldResult[];
  /** Mean and sample standard deviation (ddof 1) over folds, as in the reference table. */
  summary: Record<MetricKey, { mean: number; std: number }>;
  medianFitSeconds: number;
  medianFitCpuSeconds: number;
}

export interface EvaluationResult {
  data: { rows: number; features: number; numeric: number; categorical: number; positives: number; folds: number };
  seed: number;
  /** How fit times were taken (see EvaluationOptions). */
  timing: { warmup: number; repeat: number };
  models: ModelResult[];
}

export interface EvaluationOptions {
  seed?: number;
  /**
   * Untimed fits on fold 0 before the timed ones, so the reported times measure fitting rather
   * than the JavaScript engine compiling the code on first use. Default 1.
   */
  warmup?: number;
  /**
   * Fits per fold; the reported fit time of a fold is the fastest of them, which filters out
   * interference from other processes on a shared machine. Default 1.
   */
  repeat?: number;
}

export function evaluate(ds: TabularDataset, models: EvalModel[], options: EvaluationOptions = {}): EvaluationResult {
  const seed = options.seed ?? 1;
  const warmup = options.warmup ?? 1;
  const repeat = options.repeat ?? 1;
  if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error(`evaluate: repeat must be an integer >= 1, got ${repeat}`);
  if (!Number.isInteger(seed)) throw new Error(`evaluate: seed must be an integer, got ${seed}`);
  if (!(Number.isInteger(warmup) && warmup >= 0)) throw new Error(`evaluate: warmup must be an integer >= 0, got ${warmup}`);
  if (ds.folds < 2) throw new Error(`evaluate: the fold column must hold at least 2 folds, found ${ds.folds}`);
  const splits = Array.from({ length: ds.folds }, (_, k) => foldSplit(ds, k));
  const results: ModelResult[] = models.map((m) => {
    for (let w = 0; w < warmup; w++) m.fit(ds, splits[0].train, seed);
    const folds: FoldResult[] = splits.map(({ train, test }, k) => {
      const timed = () => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const predictor = m.fit(ds, train, seed);
        const wall = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(c0);
        return { predictor, wall, cpu: (cpu.user + cpu.system) / 1e6 };
      };
      const first = timed();
      const predict = first.predictor;
      let fitSeconds = first.wall;
      let fitCpuSeconds = first.cpu;
      for (let r = 1; r < repeat; r++) {
        const again = timed();
        fitSeconds = Math.min(fitSeconds, again.wall);
        fitCpuSeconds = Math.min(fitCpuSeconds, again.cpu);
      }
      const metrics = foldMetrics(pick(ds.target, test), predict(test));
      return { fold: k, ...metrics, fitSeconds, fitCpuSeconds };
    });
    const summary = Object.fromEntries(
      METRIC_KEYS.map((key) => {
        const v = folds.map((f) => f[key]);
        return [key, { mean: mean(v), std: std(v, 1) }];
      }),
    ) as ModelResult['summary'];
    return {
      model: m.name,
      description: m.description,
      folds,
      summary,
      medianFitSeconds: median(folds.map((f) => f.fitSeconds)),
      medianFitCpuSeconds: median(folds.map((f) => f.fitCpuSeconds)),
    };
  });
  let positives = 0;
  for (let i = 0; i < ds.rows; i++) positives += ds.target[i];
  const numeric = ds.columns.filter((c) => c.kind === 'numeric').length;
  return {
    data: { rows: ds.rows, features: ds.columns.length, numeric, categorical: ds.columns.length - numeric, positives, folds: ds.folds },
    seed,
    timing: { warmup, repeat },
    models: results,
  };
}

/** Plain-text table in the layout of the reference scores (mean ± std per metric, median fit s). */
export function formatEvaluation(result: EvaluationResult, title = ''): string {
  const d = result.data;
  const lines = [
    `${title ? title + ': ' : ''}${d.rows} rows, ${d.features} features (${d.categorical} categorical, ${d.numeric} numeric), ` +
      `${d.positives} positives (${((100 * d.positives) / d.rows).toFixed(2)} %), ${d.folds} folds, seed ${result.seed}, ` +
      `fit time = fastest of ${result.timing.repeat} after ${result.timing.warmup} warm-up fit(s)`,
    '',
    '| model | ROC AUC | PR AUC | Brier | KS | log loss | fit s (median) | fit CPU s (median) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const m of result.models) {
    const cell = (k: MetricKey) => `${m.summary[k].mean.toFixed(4)} ± ${m.summary[k].std.toFixed(3)}`;
    lines.push(`| ${m.model} | ${METRIC_KEYS.map(cell).join(' | ')} | ${m.medianFitSeconds.toFixed(4)} | ${m.medianFitCpuSeconds.toFixed(4)} |`);
  }
  return lines.join('\n');
}
