/**
 * Coarse classing for credit scorecards: groups each characteristic's values into a few bins and
 * gives each bin a weight of evidence (WoE), the log of its good:bad odds relative to the whole
 * population. Positive WoE = fewer bads than average.
 *
 * Numeric characteristics start from quantile bins and adjacent bins are merged until every bin
 * holds a minimum share of the training rows and the WoE is monotonic in the value — regulators and
 * credit officers expect "more days late" never to score better. Categorical characteristics get one
 * bin per category, with rare categories pooled. A value the training data never had (unseen
 * category, or missing when no missing values were seen) gets the neutral WoE 0.
 */
import type { Column } from './tabular';

export interface BinningOptions {
  /** Quantile bins to start from for a numeric characteristic. Default 20. */
  initialBins?: number;
  /** Smallest share of (non-missing) training rows a bin may hold. Default 0.05. */
  minBinFraction?: number;
  /** Pseudo-count added to good and bad counts of every bin, so empty cells do not give ±∞ WoE. Default 0.5. */
  smoothing?: number;
}

export interface BinStats {
  /** Human-readable range or category list, e.g. `(12, 24]`, `A43, A44`, `missing`. */
  label: string;
  good: number;
  bad: number;
  woe: number;
}

interface BinningBase {
  name: string;
  bins: BinStats[];
  /** Index into bins of the missing-value bin, or −1 when training had no missing values. */
  missingBin: number;
  /** Information value: Σ (share of goods − share of bads) · WoE. */
  iv: number;
}

/** Bin i (i < cuts.length) holds values ≤ cuts[i] and > cuts[i−1]; the last regular bin holds values > the last cut. */
export interface NumericBinning extends BinningBase {
  kind: 'numeric';
  cuts: number[];
  /** +1 when bad rate rises with the value, −1 when it falls, 0 when there is a single bin. */
  trend: -1 | 0 | 1;
}

export interface CategoricalBinning extends BinningBase {
  kind: 'categorical';
  /** category → bin index. */
  categoryBin: Record<string, number>;
}

export type Binning = NumericBinning | CategoricalBinning;

/** Marks a value the binning cannot place: scored with the neutral WoE 0. */
export const UNSEEN_BIN = -1;

interface Counts {
  good: number;
  bad: number;
}

function woeOf(c: Counts, total: Counts, nBins: number, alpha: number): number {
  const g = (c.good + alpha) / (total.good + alpha * nBins);
  const b = (c.bad + alpha) / (total.bad + alpha * nBins);
  return Math.log(g / b);
}

function finish(counts: Counts[], labels: string[], alpha: number): { bins: BinStats[]; iv: number } {
  const total = counts.reduce((t, c) => ({ good: t.good + c.good, bad: t.bad + c.bad }), { good: 0, bad: 0 });
  let iv = 0;
  const nb = counts.length;
  const bins = counts.map((c, i) => {
    const woe = woeOf(c, total, nb, alpha);
    const g = (c.good + alpha) / (total.good + alpha * nb);
    const b = (c.bad + alpha) / (total.bad + alpha * nb);
    iv += (g - b) * woe;
    return { label: labels[i], good: c.good, bad: c.bad, woe };
  });
  return { bins, iv };
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function rangeLabel(cuts: number[], i: number): string {
  if (cuts.length === 0) return 'all values';
  if (i === 0) return `≤ ${formatNumber(cuts[0])}`;
  if (i === cuts.length) return `> ${formatNumber(cuts[cuts.length - 1])}`;
  return `(${formatNumber(cuts[i - 1])}, ${formatNumber(cuts[i])}]`;
}

/** Index of the bin holding v: the number of cuts strictly below v (binary search). */
export function numericBinIndex(cuts: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function countBins(values: Float64Array, isBad: Uint8Array, cuts: number[]): Counts[] {
  const good = new Float64Array(cuts.length + 1);
  const badCount = new Float64Array(cuts.length + 1);
  for (let i = 0; i < values.length; i++) {
    const b = numericBinIndex(cuts, values[i]);
    if (isBad[i]) badCount[b]++;
    else good[b]++;
  }
  return Array.from(good, (g, b) => ({ good: g, bad: badCount[b] }));
}

/** Removes cut `i` (merging bins i and i+1). */
function mergeAt(cuts: number[], counts: Counts[], i: number): void {
  counts[i] = { good: counts[i].good + counts[i + 1].good, bad: counts[i].bad + counts[i + 1].bad };
  counts.splice(i + 1, 1);
  cuts.splice(i, 1);
}

function badRate(c: Counts): number {
  const n = c.good + c.bad;
  return n > 0 ? c.bad / n : 0;
}

/** Sign of the count-weighted covariance between bin order and bad rate. */
function trendOf(counts: Counts[]): -1 | 0 | 1 {
  let n = 0;
  let si = 0;
  let sr = 0;
  counts.forEach((c, i) => {
    const m = c.good + c.bad;
    n += m;
    si += m * i;
    sr += m * badRate(c);
  });
  if (n === 0) return 0;
  let cov = 0;
  counts.forEach((c, i) => {
    cov += (c.good + c.bad) * (i - si / n) * (badRate(c) - sr / n);
  });
  return cov > 0 ? 1 : cov < 0 ? -1 : 0;
}

/**
 * Fits the binning of one numeric characteristic on the given training rows.
 * `bad` holds the 0/1 target for every row of the data set (indexed like the column).
 */
export function fitNumericBinning(
  name: string,
  values: ArrayLike<number>,
  bad: ArrayLike<number>,
  rows: ArrayLike<number>,
  options: BinningOptions = {},
): NumericBinning {
  const initialBins = options.initialBins ?? 20;
  const minFraction = options.minBinFraction ?? 0.05;
  const alpha = options.smoothing ?? 0.5;
  const missing: Counts = { good: 0, bad: 0 };
  let m = 0;
  for (let i = 0; i < rows.length; i++) if (!Number.isNaN(values[rows[i]])) m++;
  const present = new Float64Array(m);
  const presentBad = new Uint8Array(m);
  for (let i = 0, j = 0; i < rows.length; i++) {
    const r = rows[i];
    if (Number.isNaN(values[r])) {
      if (bad[r]) missing.bad++;
      else missing.good++;
    } else {
      present[j] = values[r];
      presentBad[j++] = bad[r] ? 1 : 0;
    }
  }
  // a native numeric sort of the values alone is enough: counts come from binary search on the cuts
  const sorted = present.slice().sort();
  // quantile cut points on distinct values; the maximum is never a cut (nothing lies above it)
  const cuts: number[] = [];
  for (let q = 1; q < initialBins && m > 0; q++) {
    const v = sorted[Math.min(m - 1, Math.floor((q * m) / initialBins))];
    if (v < sorted[m - 1] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  const counts = countBins(present, presentBad, cuts);
  const minCount = Math.max(1, Math.ceil(minFraction * m));
  // 1. pool bins that are too small into the neighbour whose bad rate is closer
  for (;;) {
    let smallest = -1;
    for (let i = 0; i < counts.length; i++) {
      const size = counts[i].good + counts[i].bad;
      if (size < minCount && (smallest < 0 || size < counts[smallest].good + counts[smallest].bad)) smallest = i;
    }
    if (smallest < 0 || counts.length === 1) break;
    if (smallest === 0) mergeAt(cuts, counts, 0);
    else if (smallest === counts.length - 1) mergeAt(cuts, counts, smallest - 1);
    else {
      const r = badRate(counts[smallest]);
      const left = Math.abs(badRate(counts[smallest - 1]) - r);
      const right = Math.abs(badRate(counts[smallest + 1]) - r);
      mergeAt(cuts, counts, left <= right ? smallest - 1 : smallest);
    }
  }
  // 2. merge adjacent bins until the smoothed WoE (what the scorecard uses) is strictly monotonic
  // a flat profile is treated as rising; the merge loop then keeps only bins that differ
  const trend: -1 | 1 = trendOf(counts) < 0 ? -1 : 1;
  const total: Counts = { good: 0, bad: 0 };
  for (const c of counts) {
    total.good += c.good;
    total.bad += c.bad;
  }
  total.good += missing.good;
  total.bad += missing.bad;
  for (;;) {
    const nb = counts.length + (missing.good + missing.bad > 0 ? 1 : 0);
    let violation = -1;
    let worst = Infinity;
    for (let i = 0; i + 1 < counts.length; i++) {
      // WoE falls as bad rate rises: with trend +1 WoE must strictly decrease
      const d = (woeOf(counts[i + 1], total, nb, alpha) - woeOf(counts[i], total, nb, alpha)) * -trend;
      if (d <= 0 && d < worst) {
        worst = d;
        violation = i;
      }
    }
    if (violation < 0) break;
    mergeAt(cuts, counts, violation);
  }
  const labels = counts.map((_, i) => rangeLabel(cuts, i));
  let missingBin = -1;
  if (missing.good + missing.bad > 0) {
    missingBin = counts.length;
    counts.push(missing);
    labels.push('missing');
  }
  const { bins, iv } = finish(counts, labels, alpha);
  return { kind: 'numeric', name, cuts, trend: cuts.length > 0 ? trend : 0, bins, missingBin, iv };
}

/** Fits the binning of one categorical characteristic; categories rarer than the minimum share are pooled. */
export function fitCategoricalBinning(
  name: string,
  values: ArrayLike<string | null>,
  bad: ArrayLike<number>,
  rows: ArrayLike<number>,
  options: BinningOptions = {},
): CategoricalBinning {
  const minFraction = options.minBinFraction ?? 0.05;
  const alpha = options.smoothing ?? 0.5;
  const byCategory = new Map<string, Counts>();
  const missing: Counts = { good: 0, bad: 0 };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const v = values[r];
    const c = v === null ? missing : byCategory.get(v) ?? byCategory.set(v, { good: 0, bad: 0 }).get(v)!;
    if (bad[r]) c.bad++;
    else c.good++;
  }
  const minCount = Math.max(1, Math.ceil(minFraction * rows.length));
  const ordered = [...byCategory.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const counts: Counts[] = [];
  const labels: string[] = [];
  const categoryBin: Record<string, number> = {};
  const rare: string[] = [];
  const rareCounts: Counts = { good: 0, bad: 0 };
  for (const [cat, c] of ordered) {
    if (c.good + c.bad < minCount) {
      rare.push(cat);
      rareCounts.good += c.good;
      rareCounts.bad += c.bad;
    } else {
      categoryBin[cat] = counts.length;
      counts.push(c);
      labels.push(cat);
    }
  }
  if (rare.length > 0) {
    for (const cat of rare) categoryBin[cat] = counts.length;
    counts.push(rareCounts);
    labels.push(rare.join(', '));
  }
  let missingBin = -1;
  if (missing.good + missing.bad > 0) {
    missingBin = counts.length;
    counts.push(missing);
    labels.push('missing');
  }
  if (counts.length === 0) throw new Error(`fitCategoricalBinning: ${name} has no training rows`);
  const { bins, iv } = finish(counts, labels, alpha);
  return { kind: 'categorical', name, categoryBin, bins, missingBin, iv };
}

export function fitBinning(column: Column, bad: ArrayLike<number>, rows: ArrayLike<number>, options: BinningOptions = {}): Binning {
  if (rows.length === 0) throw new Error(`fitBinning: no training rows for ${column.name}`);
  return column.kind === 'numeric'
    ? fitNumericBinning(column.name, column.values, bad, rows, options)
    : fitCategoricalBinning(column.name, column.values, bad, rows, options);
}

/** Bin index of one value, or UNSEEN_BIN when training never saw anything like it. */
export function binIndex(binning: Binning, value: number | string | null | undefined): number {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) || value === '') {
    return binning.missingBin >= 0 ? binning.missingBin : UNSEEN_BIN;
  }
  if (binning.kind === 'numeric') {
    const v = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(v)) return UNSEEN_BIN;
    return numericBinIndex(binning.cuts, v);
  }
  const key = String(value);
  return Object.hasOwn(binning.categoryBin, key) ? binning.categoryBin[key] : UNSEEN_BIN;
}

/** WoE of a bin index (0 for UNSEEN_BIN). */
export function binWoe(binning: Binning, bin: number): number {
  return bin === UNSEEN_BIN ? 0 : binning.bins[bin].woe;
}
