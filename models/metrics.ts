/**
 * Binary classification metrics for probability scores, defined as scikit-learn defines them so
 * our figures can be compared with the reference scores in the benchmark README.
 *
 * Conventions: `y` holds 0/1 labels (1 = the bad outcome), `score` the predicted probability (or
 * any score where higher means "more likely 1"). Ranking metrics need both classes present.
 */

type Numbers = ArrayLike<number>;

function checkPair(y: Numbers, score: Numbers, name: string): void {
  if (y.length !== score.length) {
    throw new Error(`${name}: labels (${y.length}) and scores (${score.length}) differ in length`);
  }
  if (y.length === 0) throw new Error(`${name}: no observations`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`${name}: label at ${i} is ${y[i]}, expected 0 or 1`);
    if (!Number.isFinite(score[i])) throw new Error(`${name}: score at ${i} is ${score[i]}, expected a finite number`);
  }
}

/** Indices ordered by descending score (stable, so ties keep input order). */
function orderDescending(score: Numbers): Uint32Array {
  const idx = new Uint32Array(score.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => score[b] - score[a] || a - b);
  return idx;
}

function countPositives(y: Numbers, name: string): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  if (pos === 0 || pos === y.length) throw new Error(`${name}: needs both classes, got ${pos} positives of ${y.length}`);
  return pos;
}

/**
 * Area under the ROC curve via the Mann–Whitney statistic; tied scores get their average rank,
 * which equals the trapezoidal area scikit-learn's roc_auc_score reports.
 */
export function rocAuc(y: Numbers, score: Numbers): number {
  checkPair(y, score, 'rocAuc');
  const n = y.length;
  const pos = countPositives(y, 'rocAuc');
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && score[idx[j + 1]] === score[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) if (y[idx[k]] === 1) rankSumPos += avgRank;
    i = j + 1;
  }
  const neg = n - pos;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Average precision as scikit-learn's average_precision_score computes it:
 * sum over distinct thresholds of (R_k − R_{k−1}) · P_k, a step function with no interpolation.
 */
export function prAuc(y: Numbers, score: Numbers): number {
  checkPair(y, score, 'prAuc');
  const pos = countPositives(y, 'prAuc');
  const idx = orderDescending(score);
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  let ap = 0;
  let i = 0;
  while (i < idx.length) {
    const s = score[idx[i]];
    // a threshold admits every observation with this score at once
    while (i < idx.length && score[idx[i]] === s) {
      tp += y[idx[i]];
      seen++;
      i++;
    }
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
  }
  return ap;
}

/** Kolmogorov–Smirnov statistic: max over thresholds of TPR − FPR. */
export function ks(y: Numbers, score: Numbers): number {
  checkPair(y, score, 'ks');
  const pos = countPositives(y, 'ks');
  const neg = y.length - pos;
  const idx = orderDescending(score);
  let tp = 0;
  let fp = 0;
  let best = 0;
  let i = 0;
  while (i < idx.length) {
    const s = score[idx[i]];
    while (i < idx.length && score[idx[i]] === s) {
      if (y[idx[i]] === 1) tp++;
      else fp++;
      i++;
    }
    const d = tp / pos - fp / neg;
    if (d > best) best = d;
  }
  return best;
}

/** Mean squared difference between probability and outcome. */
export function brier(y: Numbers, p: Numbers): number {
  checkPair(y, p, 'brier');
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

/** The probability given to the observed outcome is floored at eps so one confident mistake cannot make the loss infinite. */
export const LOG_LOSS_EPS = 1e-15;

/** Mean negative log-likelihood (natural log) with clipped probabilities. */
export function logLoss(y: Numbers, p: Numbers, eps = LOG_LOSS_EPS): number {
  checkPair(y, p, 'logLoss');
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    // clip the probability of the observed outcome, so both classes clip at exactly eps
    s -= Math.log(Math.max(eps, y[i] === 1 ? p[i] : 1 - p[i]));
  }
  return s / y.length;
}

export function mean(values: Numbers): number {
  if (values.length === 0) throw new Error('mean: no values');
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * Standard deviation; ddof = 0 (population, numpy's default, used for the reference table)
 * or 1 (sample).
 */
export function std(values: Numbers, ddof: 0 | 1 = 0): number {
  if (values.length <= ddof) throw new Error(`std: needs more than ${ddof} values`);
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / (values.length - ddof));
}

export function median(values: Numbers): number {
  if (values.length === 0) throw new Error('median: no values');
  const v = Float64Array.from(values).sort();
  const h = v.length >> 1;
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/** All five headline metrics for one test fold. */
export interface FoldMetrics {
  rocAuc: number;
  prAuc: number;
  brier: number;
  ks: number;
  logLoss: number;
}

export function foldMetrics(y: Numbers, p: Numbers): FoldMetrics {
  return { rocAuc: rocAuc(y, p), prAuc: prAuc(y, p), brier: brier(y, p), ks: ks(y, p), logLoss: logLoss(y, p) };
}
