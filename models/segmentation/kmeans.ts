import { seededRandom, type Random } from './random';

/** Rows stored one after another in a typed array: row i is `data[i*dim .. (i+1)*dim)`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly dim: number;
}

export interface KMeansOptions {
  /** Seed of the k-means++ initialisation. */
  seed: number;
  /** Default 100. */
  maxIterations?: number;
  /**
   * Stop when the total squared centroid shift falls below `tolerance` × the mean feature variance
   * (scikit-learn's convention). Default 1e-4; 0 runs all `maxIterations`.
   */
  tolerance?: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. Default 1. */
  nInit?: number;
}

export interface KMeansFit {
  readonly k: number;
  readonly dim: number;
  /** k × dim, row-major. */
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  /** Sum of squared distances of the rows to their centroid. */
  readonly inertia: number;
  readonly iterations: number;
}

export function checkMatrix(m: Matrix): void {
  if (!Number.isInteger(m.dim) || m.dim < 1) throw new Error(`matrix dim must be a positive integer, got ${m.dim}`);
  if (!Number.isInteger(m.rows) || m.rows < 0) throw new Error(`matrix rows must be a non-negative integer, got ${m.rows}`);
  if (m.data.length < m.rows * m.dim) throw new Error(`matrix data holds ${m.data.length} values, need ${m.rows * m.dim}`);
  for (let i = 0; i < m.rows * m.dim; i++) {
    if (!Number.isFinite(m.data[i] as number)) throw new Error(`matrix value at row ${Math.floor(i / m.dim)}, column ${i % m.dim} is not finite`);
  }
}

/**
 * Lloyd's k-means over a typed-array matrix with greedy k-means++ initialisation (2 + ln k candidate
 * centres per step, as scikit-learn does). Deterministic for a seed. An empty cluster is re-seeded with
 * the row farthest from its centroid, so the result always has k non-empty clusters when rows >= k.
 */
export function kmeansFit(x: Matrix, k: number, options: KMeansOptions): KMeansFit {
  checkMatrix(x);
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  if (x.rows < k) throw new Error(`k-means needs at least k = ${k} rows, got ${x.rows}`);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const nInit = options.nInit ?? 1;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new Error(`maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance >= 0)) throw new Error(`tolerance must be >= 0, got ${tolerance}`);
  if (!Number.isInteger(nInit) || nInit < 1) throw new Error(`nInit must be a positive integer, got ${nInit}`);
  const random = seededRandom(options.seed);
  const threshold = tolerance * meanVariance(x);
  let best: KMeansFit | null = null;
  for (let run = 0; run < nInit; run++) {
    const fit = lloyd(x, kmeansPlusPlus(x, k, random), k, maxIterations, threshold);
    if (best === null || fit.inertia < best.inertia) best = fit;
  }
  return best as KMeansFit;
}

/** Index of the nearest centroid and the squared distance to it. */
export function nearestCentroid(centroids: Float64Array, k: number, dim: number, row: ArrayLike<number>, offset = 0): [number, number] {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < k; c++) {
    let d = 0;
    const base = c * dim;
    for (let j = 0; j < dim; j++) {
      const diff = (row[offset + j] as number) - (centroids[base + j] as number);
      d += diff * diff;
    }
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return [best, bestD];
}

function meanVariance(x: Matrix): number {
  const { data, rows, dim } = x;
  if (rows === 0) return 0;
  let total = 0;
  for (let j = 0; j < dim; j++) {
    let s = 0;
    let ss = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * dim + j] as number;
      s += v;
      ss += v * v;
    }
    const m = s / rows;
    total += ss / rows - m * m;
  }
  return total / dim;
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, dim: number): number {
  let d = 0;
  for (let j = 0; j < dim; j++) {
    const diff = (a[ai + j] as number) - (b[bi + j] as number);
    d += diff * diff;
  }
  return d;
}

function kmeansPlusPlus(x: Matrix, k: number, random: Random): Float64Array {
  const { data, rows, dim } = x;
  const centroids = new Float64Array(k * dim);
  const trials = 2 + Math.floor(Math.log(k));
  const first = random.int(rows);
  centroids.set(data.subarray(first * dim, first * dim + dim), 0);
  let closest = new Float64Array(rows);
  let potential = 0;
  for (let i = 0; i < rows; i++) {
    closest[i] = sqDist(data, i * dim, centroids, 0, dim);
    potential += closest[i] as number;
  }
  let candidate = new Float64Array(rows);
  let bestNext = new Float64Array(rows);
  for (let c = 1; c < k; c++) {
    let bestPotential = Infinity;
    let bestRow = -1;
    for (let t = 0; t < trials; t++) {
      const row = potential > 0 ? pickWeighted(closest, potential, random) : random.int(rows);
      let pot = 0;
      for (let i = 0; i < rows; i++) {
        const d = Math.min(closest[i] as number, sqDist(data, i * dim, data, row * dim, dim));
        candidate[i] = d;
        pot += d;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestRow = row;
        const swap = bestNext;
        bestNext = candidate;
        candidate = swap;
      }
    }
    centroids.set(data.subarray(bestRow * dim, bestRow * dim + dim), c * dim);
    const swap = closest;
    closest = bestNext;
    bestNext = swap;
    potential = bestPotential;
  }
  return centroids;
}

function pickWeighted(weights: Float64Array, total: number, random: Random): number {
  let r = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  // Rounding left a sliver: take the last row with any weight.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
  return 0;
}

/**
 * Lloyd's iterations with Hamerly's bounds: each row keeps an upper bound on the distance to its own
 * centroid and a lower bound on the distance to any other, so most rows skip the k distance computations
 * once centroids settle. The assignments are exactly Lloyd's; only the work differs.
 */
function lloyd(x: Matrix, init: Float64Array, k: number, maxIterations: number, threshold: number): KMeansFit {
  const { data, rows, dim } = x;
  const centroids = Float64Array.from(init);
  const sums = new Float64Array(k * dim);
  const counts = new Float64Array(k);
  const labels = new Int32Array(rows);
  const distances = new Float64Array(rows);
  const upper = new Float64Array(rows);
  const lower = new Float64Array(rows);
  const halfGap = new Float64Array(k);
  const moved = new Float64Array(k);
  const next = new Float64Array(k * dim);
  initialBounds(x, centroids, k, labels, upper, lower);
  // Per-cluster sums and counts are kept up to date as rows change cluster, instead of re-summing every row.
  recount(x, labels, sums, counts);
  let iterations = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    iterations = iter + 1;
    if (iter > 0) {
      // Half the distance from each centroid to its nearest other centroid.
      for (let c = 0; c < k; c++) {
        let nearest = Infinity;
        for (let o = 0; o < k; o++) if (o !== c) nearest = Math.min(nearest, sqDist(centroids, c * dim, centroids, o * dim, dim));
        halfGap[c] = Math.sqrt(nearest) / 2;
      }
      for (let i = 0; i < rows; i++) {
        const a = labels[i] as number;
        const bound = Math.max(halfGap[a] as number, lower[i] as number);
        if ((upper[i] as number) <= bound) continue;
        const own = Math.sqrt(sqDist(data, i * dim, centroids, a * dim, dim));
        upper[i] = own;
        if (own <= bound) continue;
        // Full scan for the nearest and second-nearest centroid.
        let best = 0;
        let bestD = Infinity;
        let second = Infinity;
        for (let c = 0; c < k; c++) {
          const d = sqDist(data, i * dim, centroids, c * dim, dim);
          if (d < bestD) {
            second = bestD;
            bestD = d;
            best = c;
          } else if (d < second) second = d;
        }
        if (best !== a) {
          const rb = i * dim;
          for (let j = 0; j < dim; j++) {
            const v = data[rb + j] as number;
            sums[a * dim + j] = (sums[a * dim + j] as number) - v;
            sums[best * dim + j] = (sums[best * dim + j] as number) + v;
          }
          counts[a] = (counts[a] as number) - 1;
          counts[best] = (counts[best] as number) + 1;
          labels[i] = best;
        }
        upper[i] = Math.sqrt(bestD);
        lower[i] = Math.sqrt(second);
      }
    }
    // Move centroids to the mean of their rows.
    let shift = 0;
    let maxMove = 0;
    let reseeded = false;
    for (let c = 0; c < k; c++) {
      const n = counts[c] as number;
      let move = 0;
      if (n === 0) {
        reseedEmpty(x, next, c, upper, labels);
        reseeded = true;
      } else {
        for (let j = 0; j < dim; j++) next[c * dim + j] = (sums[c * dim + j] as number) / n;
      }
      move = sqDist(next, c * dim, centroids, c * dim, dim);
      shift += move;
      moved[c] = Math.sqrt(move);
      if ((moved[c] as number) > maxMove) maxMove = moved[c] as number;
    }
    centroids.set(next);
    if (reseeded) {
      initialBounds(x, centroids, k, labels, upper, lower);
      recount(x, labels, sums, counts);
    } else {
      for (let i = 0; i < rows; i++) {
        upper[i] = (upper[i] as number) + (moved[labels[i] as number] as number);
        lower[i] = (lower[i] as number) - maxMove;
      }
    }
    if (shift <= threshold) break;
  }
  const inertia = assign(x, centroids, k, labels, distances);
  return { k, dim, centroids, labels, inertia, iterations };
}

function recount(x: Matrix, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
  const { data, rows, dim } = x;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < rows; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < dim; j++) sums[c * dim + j] = (sums[c * dim + j] as number) + (data[i * dim + j] as number);
  }
}

/** Exact nearest / second-nearest distances for every row. */
function initialBounds(x: Matrix, centroids: Float64Array, k: number, labels: Int32Array, upper: Float64Array, lower: Float64Array): void {
  const { data, rows, dim } = x;
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestD = Infinity;
    let second = Infinity;
    for (let c = 0; c < k; c++) {
      const d = sqDist(data, i * dim, centroids, c * dim, dim);
      if (d < bestD) {
        second = bestD;
        bestD = d;
        best = c;
      } else if (d < second) second = d;
    }
    labels[i] = best;
    upper[i] = Math.sqrt(bestD);
    lower[i] = Math.sqrt(second);
  }
}

/** An empty cluster restarts at the row farthest from its own centroid (by its upper bound). */
function reseedEmpty(x: Matrix, centroids: Float64Array, c: number, upper: Float64Array, labels: Int32Array): void {
  let far = 0;
  for (let i = 1; i < x.rows; i++) if ((upper[i] as number) > (upper[far] as number)) far = i;
  centroids.set(x.data.subarray(far * x.dim, far * x.dim + x.dim), c * x.dim);
  upper[far] = 0;
  labels[far] = c;
}

function assign(x: Matrix, centroids: Float64Array, k: number, labels: Int32Array, distances: Float64Array): number {
  // Hot loop: no allocation per row (nearestCentroid's tuple would be 10M short-lived arrays on 100k rows).
  const { data, rows, dim } = x;
  let inertia = 0;
  for (let i = 0; i < rows; i++) {
    const rb = i * dim;
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const cb = c * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const diff = (data[rb + j] as number) - (centroids[cb + j] as number);
        d += diff * diff;
      }
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    distances[i] = bestD;
    inertia += bestD;
  }
  return inertia;
}
