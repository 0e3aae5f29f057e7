import { checkMatrix, type Matrix } from './kmeans';

/**
 * Mean silhouette coefficient of a labelling (Euclidean distance), in [-1, 1]; higher means tighter,
 * better separated clusters. O(rows² · dim): call it on a sample of a few thousand rows.
 * Rows alone in their cluster score 0, as in scikit-learn.
 */
export function silhouetteScore(x: Matrix, labels: Int32Array, k: number): number {
  checkMatrix(x);
  if (labels.length !== x.rows) throw new Error(`labels has ${labels.length} entries for ${x.rows} rows`);
  if (k < 2) throw new Error(`silhouette needs at least 2 clusters, got ${k}`);
  const { data, rows, dim } = x;
  const sizes = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    const c = labels[i] as number;
    if (!(c >= 0 && c < k)) throw new Error(`label ${c} at row ${i} is outside 0..${k - 1}`);
    sizes[c] = (sizes[c] as number) + 1;
  }
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    sums.fill(0);
    const ib = i * dim;
    for (let o = 0; o < rows; o++) {
      if (o === i) continue;
      const ob = o * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const diff = (data[ib + j] as number) - (data[ob + j] as number);
        d += diff * diff;
      }
      const c = labels[o] as number;
      sums[c] = (sums[c] as number) + Math.sqrt(d);
    }
    const own = labels[i] as number;
    const ownSize = (sizes[own] as number) - 1;
    if (ownSize === 0) continue;
    const a = (sums[own] as number) / ownSize;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || sizes[c] === 0) continue;
      b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    if (b === Infinity) continue;
    const denominator = Math.max(a, b);
    total += denominator > 0 ? (b - a) / denominator : 0;
  }
  return rows === 0 ? 0 : total / rows;
}
