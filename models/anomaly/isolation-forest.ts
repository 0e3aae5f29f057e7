import { seededRandom, type Random } from '../segmentation/random';

/** Isolation forest over numeric rows (Liu, Ting & Zhou 2008), stored as flat typed arrays. */
export interface IsolationForest {
  readonly dim: number;
  readonly trees: number;
  readonly subsample: number;
  /** Per tree, node arrays of equal length: split feature (−1 for a leaf), threshold, children, leaf size. */
  readonly nodes: readonly {
    feature: Int16Array;
    threshold: Float64Array;
    left: Int32Array;
    right: Int32Array;
    size: Int32Array;
  }[];
}

export interface IsolationForestOptions {
  seed: number;
  /** Default 100. */
  trees?: number;
  /** Rows drawn (without replacement) per tree; default 256. */
  subsample?: number;
}

/** Average path length of an unsuccessful binary-search-tree search over n points: the score's normaliser. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
}

/** Grows the forest on `rows` × `dim` values (row-major). Deterministic for a seed. */
export function fitIsolationForest(data: Float64Array, rows: number, dim: number, options: IsolationForestOptions): IsolationForest {
  const trees = options.trees ?? 100;
  const subsample = Math.min(options.subsample ?? 256, rows);
  if (!Number.isInteger(dim) || dim < 1 || dim > 32767) throw new Error(`dim must be an integer in 1..32767, got ${dim}`);
  if (rows < 2) throw new Error(`an isolation forest needs at least 2 rows, got ${rows}`);
  if (data.length < rows * dim) throw new Error(`data holds ${data.length} values, need ${rows * dim}`);
  if (!Number.isInteger(trees) || trees < 1) throw new Error(`trees must be a positive integer, got ${trees}`);
  for (let i = 0; i < rows * dim; i++) if (!Number.isFinite(data[i] as number)) throw new Error(`value ${i} (row ${Math.floor(i / dim)}) is not finite`);
  const random = seededRandom(options.seed);
  const heightLimit = Math.ceil(Math.log2(Math.max(2, subsample)));
  const nodes: IsolationForest['nodes'][number][] = [];
  const pool = new Int32Array(rows);
  for (let t = 0; t < trees; t++) {
    for (let i = 0; i < rows; i++) pool[i] = i;
    for (let i = 0; i < subsample; i++) {
      const j = i + random.int(rows - i);
      const tmp = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = tmp;
    }
    nodes.push(growTree(data, dim, pool.slice(0, subsample), heightLimit, random));
  }
  return { dim, trees, subsample, nodes };
}

function growTree(data: Float64Array, dim: number, idx: Int32Array, heightLimit: number, random: Random): IsolationForest['nodes'][number] {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const size: number[] = [];
  const build = (lo: number, hi: number, depth: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    size.push(hi - lo);
    if (depth >= heightLimit || hi - lo <= 1) return id;
    // Pick a random feature that still varies among these rows (try each at most once).
    const order = Array.from({ length: dim }, (_, j) => j);
    for (let tries = 0; tries < dim; tries++) {
      const pick = tries + random.int(dim - tries);
      const f = order[pick] as number;
      order[pick] = order[tries] as number;
      order[tries] = f;
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = data[(idx[i] as number) * dim + f] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (!(max > min)) continue;
      const split = min + random.next() * (max - min);
      let m = lo;
      for (let i = lo; i < hi; i++) {
        if ((data[(idx[i] as number) * dim + f] as number) < split) {
          const tmp = idx[i] as number;
          idx[i] = idx[m] as number;
          idx[m] = tmp;
          m++;
        }
      }
      if (m === lo || m === hi) continue;
      feature[id] = f;
      threshold[id] = split;
      left[id] = build(lo, m, depth + 1);
      right[id] = build(m, hi, depth + 1);
      return id;
    }
    return id;
  };
  build(0, idx.length, 0);
  return {
    feature: Int16Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    size: Int32Array.from(size),
  };
}

/**
 * A forest's trees laid end to end in flat arrays, each inner node's two children side by side (the
 * walk adds 0 or 1 to the first child's index instead of choosing between two), and each leaf's path
 * length (its depth plus the expected rest of the path, c(size)) worked out once: scoring walks to a
 * leaf and adds one number.
 */
interface FlatForest {
  trees: number;
  /** Per node: split feature, −1 at a leaf. Each tree's root is at the index in `roots`. */
  feature: Int16Array;
  threshold: Float64Array;
  /** Index of the left child; the right child follows it. */
  firstChild: Int32Array;
  /** depth + c(size) at leaves, the same sum as walking and counting edges. */
  leafPath: Float64Array;
  roots: Int32Array;
  /** c(subsample), the normaliser of the mean path length. */
  norm: number;
}

const flatForests = new WeakMap<IsolationForest, FlatForest>();

function flatten(forest: IsolationForest): FlatForest {
  let flat = flatForests.get(forest);
  if (flat) return flat;
  const total = forest.nodes.reduce((n, t) => n + t.feature.length, 0);
  const f: FlatForest = {
    trees: forest.nodes.length,
    feature: new Int16Array(total),
    threshold: new Float64Array(total),
    firstChild: new Int32Array(total),
    leafPath: new Float64Array(total),
    roots: new Int32Array(forest.nodes.length),
    norm: averagePathLength(forest.subsample),
  };
  const table = Float64Array.from({ length: forest.subsample + 1 }, (_, n) => averagePathLength(n));
  let next = 0;
  forest.nodes.forEach((tree, t) => {
    // Breadth first: a node's children are placed together when the node is.
    const queue: { node: number; at: number; depth: number }[] = [{ node: 0, at: next++, depth: 0 }];
    f.roots[t] = queue[0]!.at;
    for (let q = 0; q < queue.length; q++) {
      const { node, at, depth } = queue[q]!;
      const feature = tree.feature[node] as number;
      f.feature[at] = feature;
      if (feature >= 0) {
        f.threshold[at] = tree.threshold[node] as number;
        f.firstChild[at] = next;
        queue.push({ node: tree.left[node] as number, at: next, depth: depth + 1 }, { node: tree.right[node] as number, at: next + 1, depth: depth + 1 });
        next += 2;
      } else {
        const size = tree.size[node] as number;
        f.leafPath[at] = depth + (size < table.length ? (table[size] as number) : averagePathLength(size));
      }
    }
  });
  flatForests.set(forest, f);
  return f;
}

/** Anomaly score in (0, 1]: about 0.5 or less for ordinary rows, towards 1 for rows isolated quickly. */
export function isolationScore(forest: IsolationForest, row: ArrayLike<number>, offset = 0): number {
  const { roots, feature, threshold, firstChild, leafPath, norm, trees } = flatten(forest);
  let total = 0;
  for (let t = 0; t < trees; t++) {
    let node = roots[t] as number;
    // Values below the threshold go left; the rest, NaN included, go right.
    for (let f = feature[node] as number; f >= 0; f = feature[node] as number) {
      node = (firstChild[node] as number) + +!((row[offset + f] as number) < (threshold[node] as number));
    }
    total += leafPath[node] as number;
  }
  return 2 ** (-(total / trees) / norm);
}

/** Plain-JSON form of a forest (typed arrays as number arrays). */
export function forestToJson(forest: IsolationForest): unknown {
  return {
    dim: forest.dim,
    trees: forest.trees,
    subsample: forest.subsample,
    nodes: forest.nodes.map((n) => ({
      feature: Array.from(n.feature),
      threshold: Array.from(n.threshold),
      left: Array.from(n.left),
      right: Array.from(n.right),
      size: Array.from(n.size),
    })),
  };
}

/** Rebuilds a forest from `forestToJson` output, checking every node reference. */
export function forestFromJson(value: unknown): IsolationForest {
  const fail = (why: string): never => {
    throw new Error(`isolation forest is corrupt: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const v = value as Record<string, unknown>;
  const dim = v.dim;
  const subsample = v.subsample;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) return fail('dim');
  if (typeof subsample !== 'number' || !Number.isInteger(subsample) || subsample < 2) return fail('subsample');
  if (!Array.isArray(v.nodes) || v.nodes.length === 0) return fail('no trees');
  const nodes = v.nodes.map((raw: unknown, t: number) => {
    const n = raw as Record<string, unknown>;
    const arrays = ['feature', 'threshold', 'left', 'right', 'size'].map((key) => {
      const a = n?.[key];
      if (!Array.isArray(a) || a.some((x) => typeof x !== 'number' || !Number.isFinite(x))) return fail(`tree ${t} ${key}`);
      return a as number[];
    });
    const [feature, threshold, left, right, size] = arrays as [number[], number[], number[], number[], number[]];
    const count = feature.length;
    if (count === 0 || [threshold, left, right, size].some((a) => a.length !== count)) return fail(`tree ${t} arrays differ in length`);
    for (let i = 0; i < count; i++) {
      const f = feature[i] as number;
      if (f >= dim) return fail(`tree ${t} node ${i} splits on feature ${f} of ${dim}`);
      if (f >= 0 && !((left[i] as number) > i && (left[i] as number) < count && (right[i] as number) > i && (right[i] as number) < count)) {
        return fail(`tree ${t} node ${i} has an invalid child`);
      }
    }
    return {
      feature: Int16Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      size: Int32Array.from(size),
    };
  });
  return { dim, trees: nodes.length, subsample, nodes };
}
