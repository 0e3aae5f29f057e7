/**
 * Population stability index (PSI): how far the distribution a model now scores has drifted from
 * the one it was trained on. The training profile (bin edges + proportions) is stored with the
 * model; at monitoring time current values are binned on the same edges and compared:
 *   PSI = Σ_i (cur_i − ref_i) · ln(cur_i / ref_i)
 * Industry reading: < 0.1 stable, 0.1–0.25 moderate shift (watch), ≥ 0.25 act (investigate/retrain).
 */

export interface PsiProfile {
  /** Inner cut points, ascending; bin i holds values ≤ edges[i] (and > edges[i−1]); the last bin holds values above the last edge. */
  edges: number[];
  /** Share of training values in each bin (edges.length + 1 entries). */
  proportions: number[];
  /** Share of missing (NaN) values in training. */
  missing: number;
  /** Number of training values profiled. */
  count: number;
}

export type PsiBand = 'stable' | 'moderate' | 'act';

/** Band thresholds: PSI < 0.1 stable, < 0.25 moderate, otherwise act. */
export const PSI_THRESHOLDS = { moderate: 0.1, act: 0.25 } as const;

/** Proportions below this are floored before taking logs, so an empty bin gives a large but finite PSI term. */
export const PSI_EPSILON = 1e-4;

function binOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function shares(edges: readonly number[], values: ArrayLike<number>): { proportions: number[]; missing: number } {
  const counts = new Float64Array(edges.length + 1);
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) missing++;
    else counts[binOf(edges, v)]++;
  }
  const n = values.length;
  return { proportions: Array.from(counts, (c) => c / n), missing: missing / n };
}

/** Profiles training values into (at most) `bins` quantile bins; repeated values can merge bins. */
export function profile(values: ArrayLike<number>, bins = 10): PsiProfile {
  if (!Number.isInteger(bins) || bins < 2) throw new Error(`profile: bins must be an integer >= 2, got ${bins}`);
  if (values.length === 0) throw new Error('profile: no values');
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new Error(`profile: value at ${i} is ${v}`);
    present.push(v);
  }
  const sorted = Float64Array.from(present).sort();
  const m = sorted.length;
  const edges: number[] = [];
  for (let q = 1; q < bins && m > 0; q++) {
    const v = sorted[Math.min(m - 1, Math.ceil((q * m) / bins) - 1)];
    if (v < sorted[m - 1] && (edges.length === 0 || v > edges[edges.length - 1])) edges.push(v);
  }
  return { edges, ...shares(edges, values), count: values.length };
}

/** PSI of current values against a training profile (missing values form their own bin). */
export function psi(reference: PsiProfile, current: ArrayLike<number>): number {
  if (current.length === 0) throw new Error('psi: no current values');
  if (reference.proportions.length !== reference.edges.length + 1) {
    throw new Error(`psi: profile has ${reference.edges.length} edges but ${reference.proportions.length} proportions`);
  }
  const cur = shares(reference.edges, current);
  const term = (r: number, c: number) => {
    const rr = Math.max(r, PSI_EPSILON);
    const cc = Math.max(c, PSI_EPSILON);
    return (cc - rr) * Math.log(cc / rr);
  };
  let total = 0;
  for (let i = 0; i < cur.proportions.length; i++) total += term(reference.proportions[i], cur.proportions[i]);
  if (reference.missing > 0 || cur.missing > 0) total += term(reference.missing, cur.missing);
  return total;
}

export function psiBand(value: number): PsiBand {
  if (!(value >= 0)) throw new Error(`psiBand: PSI must be >= 0, got ${value}`);
  return value < PSI_THRESHOLDS.moderate ? 'stable' : value < PSI_THRESHOLDS.act ? 'moderate' : 'act';
}
