/**
 * Fast scoring of a fitted model: the JSON node table is compiled once into typed arrays
 * (cached per model object) and rows are routed through them.
 */
import { GbdtModel } from './gbdt-types';

/** Typed-array form of a model's forest. */
export interface CompiledForest {
  nFeatures: number;
  baseline: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  catOffset: Int32Array;
  /** Per node: 0 numeric with missing going right, 1 numeric with missing going left, 2 categorical. */
  kind: Uint8Array;
  catBits: Uint32Array;
  /** Per feature: bits of the bitsets (0 for numeric features). */
  catLimit: Int32Array;
  /** Per categorical feature: offset into `knownBits` of its bitset of training categories. */
  knownOffset: Int32Array;
  knownBits: Uint32Array;
  /** Deepest root-to-leaf path, in edges. */
  maxDepth: number;
}

const cache = new WeakMap<GbdtModel, CompiledForest>();

/** Compiled form of `model`, built on first use. */
export function compileForest(model: GbdtModel): CompiledForest {
  let c = cache.get(model);
  if (c === undefined) {
    c = compile(model);
    cache.set(model, c);
  }
  return c;
}

function compile(model: GbdtModel): CompiledForest {
  const nd = model.nodes;
  const nf = model.nFeatures;
  const catLimit = new Int32Array(nf);
  const knownOffset = new Int32Array(nf).fill(-1);
  let words = 0;
  for (let f = 0; f < nf; f++) {
    if (model.categorical[f]) {
      catLimit[f] = model.catWords[f] * 32;
      knownOffset[f] = words;
      words += model.catWords[f];
    }
  }
  const knownBits = new Uint32Array(words);
  for (let f = 0; f < nf; f++) {
    if (knownOffset[f] < 0) continue;
    for (const code of model.knownCategories[f]) knownBits[knownOffset[f] + (code >>> 5)] |= 1 << (code & 31);
  }
  const forest: CompiledForest = {
    nFeatures: nf,
    baseline: model.baseline,
    roots: Int32Array.from(model.roots),
    feature: Int32Array.from(nd.feature),
    threshold: Float64Array.from(nd.threshold),
    missingLeft: Uint8Array.from(nd.missingLeft),
    left: Int32Array.from(nd.left),
    right: Int32Array.from(nd.right),
    value: Float64Array.from(nd.value),
    cover: Float64Array.from(nd.cover),
    catOffset: Int32Array.from(nd.catOffset),
    kind: Uint8Array.from(nd.catOffset, (o, i) => (o >= 0 ? 2 : nd.missingLeft[i] === 1 ? 1 : 0)),
    catBits: Uint32Array.from(model.catBits),
    catLimit,
    knownOffset,
    knownBits,
    maxDepth: 0,
  };
  const depth = new Int32Array(nd.feature.length);
  for (let i = 0; i < depth.length; i++) {
    if (forest.left[i] >= 0) {
      depth[forest.left[i]] = depth[i] + 1;
      depth[forest.right[i]] = depth[i] + 1;
    } else if (depth[i] > forest.maxDepth) forest.maxDepth = depth[i];
  }
  return forest;
}

/**
 * Direction of `row` at inner node `node`. Missing values (NaN; for categorical features also
 * negative, non-integer or never-seen codes) follow the node's learned missing direction.
 */
export function goesLeft(c: CompiledForest, node: number, row: ArrayLike<number>): boolean {
  const f = c.feature[node];
  const x = row[f];
  const co = c.catOffset[node];
  if (co < 0) return x !== x ? c.missingLeft[node] === 1 : x <= c.threshold[node];
  if (x >= 0 && x < c.catLimit[f] && (x | 0) === x) {
    const ko = c.knownOffset[f];
    if ((c.knownBits[ko + (x >>> 5)] & (1 << (x & 31))) !== 0) return (c.catBits[co + (x >>> 5)] & (1 << (x & 31))) !== 0;
  }
  return c.missingLeft[node] === 1;
}

/** Raw margin (log-odds) of one row. */
export function rawMargin(c: CompiledForest, row: ArrayLike<number>): number {
  let sum = c.baseline;
  const roots = c.roots;
  const feature = c.feature;
  const threshold = c.threshold;
  const left = c.left;
  const right = c.right;
  const kind = c.kind;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t];
    let f = feature[node];
    while (f >= 0) {
      const k = kind[node];
      // NaN fails every comparison, so the form of the test alone sends it the learned way.
      const goLeft = k === 0 ? row[f] <= threshold[node] : k === 1 ? !(row[f] > threshold[node]) : goesLeft(c, node, row);
      node = goLeft ? left[node] : right[node];
      f = feature[node];
    }
    sum += c.value[node];
  }
  return sum;
}

/** Probabilities for many rows (kept next to rawMargin so the per-row call stays module-local). */
export function predictRows(c: CompiledForest, X: ArrayLike<number>[], fn: string): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (row == null || row.length !== c.nFeatures) throw new Error(`${fn}: row ${i} has ${row?.length} values, the model expects ${c.nFeatures}`);
    out[i] = sigmoid(rawMargin(c, row));
  }
  return out;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
