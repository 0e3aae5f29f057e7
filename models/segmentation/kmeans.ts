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

function lloyd(x: Matrix, init: Float64Array, k: number, maxIterations: number, threshold: number): KMeansFit {
  const { data, rows, dim } = x;
  let centroids = init;
  let next: Float64Array = new Float64Array(k * dim);
  const counts = new Float64Array(k);
  const labels = new Int32Array(rows);
  const distances = new Float64Array(rows);
  let iterations = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    iterations = iter + 1;
    assign(x, centroids, k, labels, distances);
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < rows; i++) {
      const c = labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      const base = c * dim;
      const rb = i * dim;
      for (let j = 0; j < dim; j++) next[base + j] = (next[base + j] as number) + (data[rb + j] as number);
    }
    for (let c = 0; c < k; c++) {
      const n = counts[c] as number;
      if (n === 0) {
        reseedEmpty(x, next, c, distances);
        continue;
      }
      for (let j = 0; j < dim; j++) next[c * dim + j] = (next[c * dim + j] as number) / n;
    }
    let shift = 0;
    for (let i = 0; i < k * dim; i++) {
      const d = (next[i] as number) - (centroids[i] as number);
      shift += d * d;
    }
    const swap = centroids;
    centroids = next;
    next = swap;
    if (shift <= threshold) break;
  }
  const inertia = assign(x, centroids, k, labels, distances);
  return { k, dim, centroids, labels, inertia, iterations };
}

function reseedEmpty(x: Matrix, centroids: Float64Array, c: number, distances: Float64Array): void {
  let far = 0;
  for (let i = 1; i < x.rows; i++) if ((distances[i] as number) > (distances[far] as number)) far = i;
  centroids.set(x.data.subarray(far * x.dim, far * x.dim + x.dim), c * x.dim);
  distances[far] = 0;
}

function assign(x: Matrix, centroids: Float64Array, k: number, labels: Int32Array, distances: Float64Array): number {
  let inertia = 0;
  for (let i = 0; i < x.rows; i++) {
    const [c, d] = nearestCentroid(centroids, k, x.dim, x.data, i * x.dim);
    labels[i] = c;
    distances[i] = d;
    inertia += d;
  }
  return inertia;
}
