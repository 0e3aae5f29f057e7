/**
 * Best split of one node from its gradient/hessian histogram, as scikit-learn's
 * HistGradientBoosting splitter does it: gain = GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ),
 * each child needing `minSamplesLeaf` rows and `minHessian` hessian.
 *
 * Histogram layout: for feature f and bin b, slots (f * HIST_BINS + b) * 3 + {0: gradient sum,
 * 1: hessian sum, 2: row count}.
 */
import { HIST_BINS, MISSING_BIN } from './gbdt-binning';

/** Categories with fewer rows than this are not ordered; they go right (LightGBM's min_data_per_group / cat_smooth). */
const MIN_CAT_SUPPORT = 10;
/** At most this many categories are moved to the left side (LightGBM/scikit-learn max_cat_threshold). */
const MAX_CAT_THRESHOLD = 32;
export const HIST_STRIDE = HIST_BINS * 3;

export interface SplitParams {
  minSamplesLeaf: number;
  minHessian: number;
  l2: number;
}

/** A chosen split, with the left child's sums (the right child's are the node's minus these). */
export interface Split {
  gain: number;
  feature: number;
  /** Numeric: bins <= bin go left. */
  bin: number;
  missingLeft: boolean;
  /** Categorical: bitset over bins (8 words, bit 255 = missing) of the left side; else null. */
  catBins: Uint32Array | null;
  gL: number;
  hL: number;
  cL: number;
}

export interface FeatureLayout {
  nFeatures: number;
  nBins: Int32Array;
  isCategorical: Uint8Array;
}

/** Scratch buffers reused across calls (one per training run). */
export class SplitScratch {
  readonly catBin = new Int32Array(HIST_BINS);
  readonly catRatio = new Float64Array(HIST_BINS);
  readonly catOrder = new Int32Array(HIST_BINS);
}

/** Best split over all features, or null when no split has positive gain. */
export function findBestSplit(
  hist: Float64Array,
  G: number,
  H: number,
  C: number,
  layout: FeatureLayout,
  p: SplitParams,
  scratch: SplitScratch,
): Split | null {
  const l2 = p.l2;
  const parentScore = (G * G) / (H + l2);
  let best: Split | null = null;
  let bestGain = 0;
  const msl = p.minSamplesLeaf;
  const mh = p.minHessian;
  for (let f = 0; f < layout.nFeatures; f++) {
    const hb = f * HIST_STRIDE;
    const nb = layout.nBins[f];
    const mo = hb + MISSING_BIN * 3;
    const gm = hist[mo];
    const hm = hist[mo + 1];
    const cm = hist[mo + 2];
    if (layout.isCategorical[f]) {
      const s = categoricalSplit(hist, hb, nb, gm, hm, cm, G, H, C, parentScore, p, scratch);
      if (s !== null && s.gain > bestGain) {
        s.feature = f;
        best = s;
        bestGain = s.gain;
      }
      continue;
    }
    // Missing values to the right: bins 0..b go left. With missing values present, b = nb-1
    // (every non-missing row left, missing rows right) is a valid split too.
    let gL = 0;
    let hL = 0;
    let cL = 0;
    const last = cm > 0 ? nb - 1 : nb - 2;
    for (let b = 0; b <= last; b++) {
      const o = hb + b * 3;
      gL += hist[o];
      hL += hist[o + 1];
      cL += hist[o + 2];
      if (cL < msl || hL < mh) continue;
      const cR = C - cL;
      const hR = H - hL;
      if (cR < msl) break;
      if (hR < mh) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { gain, feature: f, bin: b, missingLeft: false, catBins: null, gL, hL, cL };
      }
    }
    if (cm > 0) {
      // Missing values to the left, with bins 0..b.
      gL = gm;
      hL = hm;
      cL = cm;
      for (let b = 0; b <= nb - 2; b++) {
        const o = hb + b * 3;
        gL += hist[o];
        hL += hist[o + 1];
        cL += hist[o + 2];
        if (cL < msl || hL < mh) continue;
        const cR = C - cL;
        const hR = H - hL;
        if (cR < msl) break;
        if (hR < mh) continue;
        const gR = G - gL;
        const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          best = { gain, feature: f, bin: b, missingLeft: true, catBins: null, gL, hL, cL };
        }
      }
    }
  }
  if (best !== null && best.catBins === null && !best.missingLeft && hist[best.feature * HIST_STRIDE + MISSING_BIN * 3 + 2] === 0) {
    // No missing rows reached this node: send future missing values to the larger child,
    // as scikit-learn does for features without missing values.
    best.missingLeft = best.cL >= C - best.cL;
  }
  return best;
}

/**
 * Categories (the missing bin counting as one) with enough support are sorted by
 * G/(H + MIN_CAT_SUPPORT); the best prefix from either end of that order goes left.
 */
function categoricalSplit(
  hist: Float64Array,
  hb: number,
  nb: number,
  gm: number,
  hm: number,
  cm: number,
  G: number,
  H: number,
  C: number,
  parentScore: number,
  p: SplitParams,
  s: SplitScratch,
): Split | null {
  let used = 0;
  for (let b = 0; b < nb; b++) {
    const o = hb + b * 3;
    if (hist[o + 2] >= MIN_CAT_SUPPORT) {
      s.catBin[used] = b;
      s.catRatio[used] = hist[o] / (hist[o + 1] + MIN_CAT_SUPPORT);
      used++;
    }
  }
  if (cm >= MIN_CAT_SUPPORT) {
    s.catBin[used] = MISSING_BIN;
    s.catRatio[used] = gm / (hm + MIN_CAT_SUPPORT);
    used++;
  }
  if (used <= 1) return null;
  // Insertion sort by ratio (then bin): few categories, and no allocation per node.
  const order = s.catOrder;
  for (let i = 0; i < used; i++) {
    const r = s.catRatio[i];
    const b = s.catBin[i];
    let j = i - 1;
    while (j >= 0 && (s.catRatio[order[j]] > r || (s.catRatio[order[j]] === r && s.catBin[order[j]] > b))) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
  const maxNum = Math.min(MAX_CAT_THRESHOLD, Math.floor((used + 1) / 2));
  const l2 = p.l2;
  let bestGain = 0;
  let bestDir = 0;
  let bestCount = 0;
  let bestGL = 0;
  let bestHL = 0;
  let bestCL = 0;
  for (let dir = 1; dir >= -1; dir -= 2) {
    let gL = 0;
    let hL = 0;
    let cL = 0;
    for (let i = 0; i < maxNum; i++) {
      const b = s.catBin[order[dir === 1 ? i : used - 1 - i]];
      const o = b === MISSING_BIN ? hb + MISSING_BIN * 3 : hb + b * 3;
      gL += hist[o];
      hL += hist[o + 1];
      cL += hist[o + 2];
      if (cL < p.minSamplesLeaf || hL < p.minHessian) continue;
      const cR = C - cL;
      const hR = H - hL;
      if (cR < p.minSamplesLeaf || hR < p.minHessian) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestDir = dir;
        bestCount = i + 1;
        bestGL = gL;
        bestHL = hL;
        bestCL = cL;
      }
    }
  }
  if (bestDir === 0) return null;
  const catBins = new Uint32Array(HIST_BINS / 32);
  for (let i = 0; i < bestCount; i++) {
    const b = s.catBin[order[bestDir === 1 ? i : used - 1 - i]];
    catBins[b >>> 5] |= 1 << (b & 31);
  }
  const missingLeft = (catBins[MISSING_BIN >>> 5] & (1 << (MISSING_BIN & 31))) !== 0;
  return { gain: bestGain, feature: -1, bin: -1, missingLeft, catBins, gL: bestGL, hL: bestHL, cL: bestCL };
}
