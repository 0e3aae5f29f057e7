import type { Matrix } from './kmeans';
import type { FeatureTransform } from './features';

/** Per-column transform, mean and scale: z = (transform(x) − mean) / scale, clipped to ±`clip`. */
export interface Standardiser {
  readonly transforms: readonly FeatureTransform[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly clip: number;
}

/**
 * Clip standardised values so that a handful of extreme customers (a billionaire, a 2,000-transaction
 * account) cannot pull a centroid of their own.
 */
export const DEFAULT_CLIP = 5;

export function transformValue(t: FeatureTransform, v: number): number {
  return t === 'log' ? Math.log1p(Math.max(0, v)) : v;
}

/** Fits mean and scale on the given rows (a constant column gets scale 1). */
export function fitStandardiser(x: Matrix, rowIndexes: Int32Array, transforms: readonly FeatureTransform[], clip = DEFAULT_CLIP): Standardiser {
  if (transforms.length !== x.dim) throw new Error(`${transforms.length} transforms for ${x.dim} columns`);
  if (rowIndexes.length === 0) throw new Error('cannot standardise zero rows');
  const mean: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < x.dim; j++) {
    const t = transforms[j] as FeatureTransform;
    let s = 0;
    let ss = 0;
    for (const i of rowIndexes) {
      const v = transformValue(t, x.data[i * x.dim + j] as number);
      s += v;
      ss += v * v;
    }
    const m = s / rowIndexes.length;
    const sd = Math.sqrt(Math.max(0, ss / rowIndexes.length - m * m));
    mean.push(m);
    scale.push(sd > 1e-12 ? sd : 1);
  }
  return { transforms, mean, scale, clip };
}

/** Writes the standardised `row` into `out` at `outOffset`. */
export function standardiseInto(s: Standardiser, row: ArrayLike<number>, rowOffset: number, out: Float64Array, outOffset: number): void {
  for (let j = 0; j < s.mean.length; j++) {
    const z = (transformValue(s.transforms[j] as FeatureTransform, row[rowOffset + j] as number) - (s.mean[j] as number)) / (s.scale[j] as number);
    out[outOffset + j] = Math.max(-s.clip, Math.min(s.clip, z));
  }
}

/** The standardised copy of the selected rows. */
export function standardiseRows(s: Standardiser, x: Matrix, rowIndexes: Int32Array): Matrix {
  const out = new Float64Array(rowIndexes.length * x.dim);
  for (let r = 0; r < rowIndexes.length; r++) standardiseInto(s, x.data, (rowIndexes[r] as number) * x.dim, out, r * x.dim);
  return { data: out, rows: rowIndexes.length, dim: x.dim };
}
