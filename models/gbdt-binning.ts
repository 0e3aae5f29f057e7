/**
 * Histogram binning for the gradient-boosted trees: every feature value is mapped to a
 * small integer bin once, so split finding works on 256-slot histograms instead of
 * sorted raw values. Numeric features get quantile thresholds (as scikit-learn's
 * `_BinMapper`), categorical features one bin per category, and missing values their
 * own bin so each split can learn which way they go.
 */

/** Bin index reserved for missing values (NaN, or a negative category code). */
export const MISSING_BIN = 255;
/** Histogram slots per feature: bins 0..254 plus the missing bin. */
export const HIST_BINS = 256;
/** Category codes above this are not given native categorical splits (bitsets would get large). */
export const MAX_CATEGORY_CODE = 65535;
/** scikit-learn computes thresholds on at most this many rows. */
const BINNING_SUBSAMPLE = 200_000;

/** Fitted binning of all features. */
export interface BinMapper {
  nFeatures: number;
  /** Native categorical handling, per feature (after the ordinal fallback). */
  isCategorical: Uint8Array;
  /** Numeric features: bin b holds values in (thresholds[b-1], thresholds[b]]; the last bin is open. */
  thresholds: Float64Array[];
  /** Categorical features: the known category codes, ascending; bin = index in this list. */
  categories: Float64Array[];
  /** Non-missing bins per feature (1..255). */
  nBins: Int32Array;
}

/** Deterministic 32-bit PRNG (mulberry32), enough for sampling rows. */
export function makeRng(seed: number): () => number {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** True when a value of a categorical column means "missing". */
export function isMissingCategory(x: number): boolean {
  return x !== x || x < 0;
}

/**
 * Learns bin thresholds / category lists from the rows `rows` of `X`.
 * Non-integer codes in a categorical column are an input error.
 */
export function fitBinMapper(
  X: ArrayLike<number>[],
  rows: Int32Array,
  categorical: readonly boolean[],
  maxBins: number,
  seed: number,
): BinMapper {
  const nFeatures = categorical.length;
  let sample = rows;
  if (rows.length > BINNING_SUBSAMPLE) {
    // Partial Fisher-Yates: the first BINNING_SUBSAMPLE entries become a uniform sample.
    const rng = makeRng(seed + 7919);
    sample = Int32Array.from(rows);
    for (let i = 0; i < BINNING_SUBSAMPLE; i++) {
      const j = i + Math.floor(rng() * (sample.length - i));
      const t = sample[i];
      sample[i] = sample[j];
      sample[j] = t;
    }
    sample = sample.subarray(0, BINNING_SUBSAMPLE);
  }
  const isCategorical = new Uint8Array(nFeatures);
  const thresholds: Float64Array[] = [];
  const categories: Float64Array[] = [];
  const nBins = new Int32Array(nFeatures);
  const col = new Float64Array(sample.length);
  for (let f = 0; f < nFeatures; f++) {
    let m = 0;
    for (let k = 0; k < sample.length; k++) {
      const x = X[sample[k]][f];
      if (categorical[f]) {
        if (isMissingCategory(x)) continue;
        if (!Number.isInteger(x)) {
          throw new Error(`fitGbdt: column ${f} is declared categorical but row ${sample[k]} holds ${x}; encode categories as integer codes (NaN or negative = missing)`);
        }
      } else if (x !== x) continue;
      col[m++] = x;
    }
    const sorted = col.slice(0, m).sort();
    const distinct = uniqueSorted(sorted);
    if (categorical[f] && distinct.length <= maxBins && (distinct.length === 0 || distinct[distinct.length - 1] <= MAX_CATEGORY_CODE)) {
      isCategorical[f] = 1;
      categories.push(distinct);
      thresholds.push(new Float64Array(0));
      nBins[f] = Math.max(1, distinct.length);
      continue;
    }
    const t = numericThresholds(sorted, distinct, maxBins);
    thresholds.push(t);
    categories.push(new Float64Array(0));
    nBins[f] = t.length + 1;
  }
  return { nFeatures, isCategorical, thresholds, categories, nBins };
}

function uniqueSorted(sorted: Float64Array): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
  }
  return Float64Array.from(out);
}

/**
 * Midpoints between distinct values when there are few of them, otherwise the
 * `maxBins`-quantiles (numpy "midpoint" interpolation), as scikit-learn does.
 */
function numericThresholds(sorted: Float64Array, distinct: Float64Array, maxBins: number): Float64Array {
  if (distinct.length <= maxBins) {
    const t = new Float64Array(Math.max(0, distinct.length - 1));
    for (let i = 0; i < t.length; i++) t[i] = distinct[i] + (distinct[i + 1] - distinct[i]) / 2;
    return t;
  }
  const n = sorted.length;
  const out: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const pos = (k / maxBins) * (n - 1);
    const v = (sorted[Math.floor(pos)] + sorted[Math.ceil(pos)]) / 2;
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  return Float64Array.from(out);
}

/** Bin of one value of feature `f`. */
export function binValue(mapper: BinMapper, f: number, x: number): number {
  if (mapper.isCategorical[f]) {
    if (isMissingCategory(x)) return MISSING_BIN;
    const b = lowerBound(mapper.categories[f], x);
    // A code never seen in training is binned as missing: it follows the missing direction.
    return b < mapper.categories[f].length && mapper.categories[f][b] === x ? b : MISSING_BIN;
  }
  if (x !== x) return MISSING_BIN;
  return lowerBound(mapper.thresholds[f], x);
}

/** First index i with a[i] >= x (a.length when none). */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bins the rows `rows` of `X` into a feature-major matrix: out[f * rows.length + k]. */
export function binRows(mapper: BinMapper, X: ArrayLike<number>[], rows: Int32Array): Uint8Array {
  const n = rows.length;
  const out = new Uint8Array(n * mapper.nFeatures);
  for (let f = 0; f < mapper.nFeatures; f++) {
    const base = f * n;
    for (let k = 0; k < n; k++) out[base + k] = binValue(mapper, f, X[rows[k]][f]);
  }
  return out;
}
