/**
 * Grows one regression tree on gradients/hessians, best-first (the leaf with the largest
 * gain is split next) up to `maxLeafNodes`, like scikit-learn's TreeGrower. Only the
 * smaller child's histogram is built from rows; the sibling's is parent minus child.
 */
import { MISSING_BIN } from './gbdt-binning';
import { FeatureLayout, HIST_STRIDE, Split, SplitParams, SplitScratch, findBestSplit } from './gbdt-split';

// Local copies: per-row loops then read plain constants instead of module-binding getters.
const MISSING = MISSING_BIN;
const STRIDE = HIST_STRIDE;
/** Features with at most this many bins get four partial histograms (see buildHistogram). */
const SMALL_FEATURE_BINS = 32;
/** Size of one partial histogram: every bin including the missing one. */
const PART = 256 * 3;

export interface GrowParams extends SplitParams {
  maxLeafNodes: number;
  maxDepth: number;
  learningRate: number;
}

/** Binned training rows, feature-major: binned[f * n + i]. */
export interface BinnedData extends FeatureLayout {
  binned: Uint8Array;
  n: number;
}

/** A tree in bin space; node 0 is the root and children have larger ids than parents. */
export interface GrownTree {
  feature: number[];
  bin: number[];
  missingLeft: number[];
  catBins: (Uint32Array | null)[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array | null;
  split: Split | null;
}

/** Buffers reused across the trees of one fit. */
export class GrowWorkspace {
  readonly idx: Int32Array;
  readonly tmp: Int32Array;
  readonly gOrd: Float64Array;
  readonly hOrd: Float64Array;
  readonly scratch = new SplitScratch();
  readonly partial = new Float64Array(4 * PART);
  private readonly pool: Float64Array[] = [];
  constructor(
    n: number,
    private readonly histSize: number,
  ) {
    this.idx = new Int32Array(n);
    this.tmp = new Int32Array(n);
    this.gOrd = new Float64Array(n);
    this.hOrd = new Float64Array(n);
  }
  takeHist(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.histSize);
  }
  giveHist(h: Float64Array | null): void {
    if (h !== null) this.pool.push(h);
  }
}

export function newWorkspace(data: BinnedData): GrowWorkspace {
  return new GrowWorkspace(data.n, data.nFeatures * HIST_STRIDE);
}

/**
 * Grows a tree and adds its leaf values to `raw` (the running margin of every training row).
 */
export function growTree(
  data: BinnedData,
  grad: Float64Array,
  hess: Float64Array,
  p: GrowParams,
  ws: GrowWorkspace,
  raw: Float64Array,
): GrownTree {
  const n = data.n;
  const idx = ws.idx;
  for (let i = 0; i < n; i++) idx[i] = i;
  const tree: GrownTree = { feature: [], bin: [], missingLeft: [], catBins: [], left: [], right: [], value: [], cover: [] };
  const l2 = p.l2;
  const leafValue = (g: number, h: number): number => (h + l2 > 0 ? (-p.learningRate * g) / (h + l2) : 0);
  const addNode = (g: number, h: number, count: number): number => {
    tree.feature.push(-1);
    tree.bin.push(0);
    tree.missingLeft.push(0);
    tree.catBins.push(null);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(leafValue(g, h));
    tree.cover.push(count);
    return tree.feature.length - 1;
  };
  const canSplit = (count: number, h: number, depth: number): boolean =>
    count >= 2 * p.minSamplesLeaf && h >= 2 * p.minHessian && depth < p.maxDepth;

  let G = 0;
  let H = 0;
  for (let i = 0; i < n; i++) {
    G += grad[i];
    H += hess[i];
  }
  const root: GrowNode = { id: addNode(G, H, n), start: 0, end: n, depth: 0, g: G, h: H, hist: null, split: null };
  const open: GrowNode[] = [];
  if (p.maxLeafNodes > 1 && canSplit(n, H, 0)) {
    root.hist = ws.takeHist();
    buildHistogram(root.hist, data, grad, hess, idx, 0, n, ws);
    root.split = findBestSplit(root.hist, G, H, n, data, p, ws.scratch);
    if (root.split !== null) open.push(root);
    else ws.giveHist(root.hist);
  }
  let nLeaves = 1;
  while (open.length > 0 && nLeaves < p.maxLeafNodes) {
    let bi = 0;
    for (let i = 1; i < open.length; i++) if (open[i].split!.gain > open[bi].split!.gain) bi = i;
    const node = open[bi];
    open[bi] = open[open.length - 1];
    open.pop();
    const s = node.split!;
    const mid = partition(data, idx, ws.tmp, node.start, node.end, s);
    const leftNode: GrowNode = { id: addNode(s.gL, s.hL, mid - node.start), start: node.start, end: mid, depth: node.depth + 1, g: s.gL, h: s.hL, hist: null, split: null };
    const rightNode: GrowNode = { id: addNode(node.g - s.gL, node.h - s.hL, node.end - mid), start: mid, end: node.end, depth: node.depth + 1, g: node.g - s.gL, h: node.h - s.hL, hist: null, split: null };
    const id = node.id;
    tree.feature[id] = s.feature;
    tree.bin[id] = s.bin;
    tree.missingLeft[id] = s.missingLeft ? 1 : 0;
    tree.catBins[id] = s.catBins;
    tree.left[id] = leftNode.id;
    tree.right[id] = rightNode.id;
    nLeaves++;

    const more = nLeaves < p.maxLeafNodes;
    const splitL = more && canSplit(leftNode.end - leftNode.start, leftNode.h, leftNode.depth);
    const splitR = more && canSplit(rightNode.end - rightNode.start, rightNode.h, rightNode.depth);
    if (!splitL && !splitR) {
      ws.giveHist(node.hist);
      node.hist = null;
      continue;
    }
    const leftSmaller = leftNode.end - leftNode.start <= rightNode.end - rightNode.start;
    const small = leftSmaller ? leftNode : rightNode;
    const large = leftSmaller ? rightNode : leftNode;
    small.hist = ws.takeHist();
    buildHistogram(small.hist, data, grad, hess, idx, small.start, small.end, ws);
    if ((leftSmaller ? splitR : splitL) && node.hist !== null) {
      subtractHistogram(node.hist, small.hist, data);
      large.hist = node.hist;
    } else {
      ws.giveHist(node.hist);
    }
    node.hist = null;
    for (const [child, ok] of [
      [leftNode, splitL],
      [rightNode, splitR],
    ] as const) {
      if (ok && child.hist !== null) {
        child.split = findBestSplit(child.hist, child.g, child.h, child.end - child.start, data, p, ws.scratch);
        if (child.split !== null) {
          open.push(child);
          continue;
        }
      }
      ws.giveHist(child.hist);
      child.hist = null;
    }
  }
  for (const node of open) ws.giveHist(node.hist);

  // Leaves own contiguous ranges of idx; credit each training row with its leaf value.
  addLeafValues(tree, idx, raw, n);
  return tree;
}

/**
 * Walks the tree once, following each node's partitioned range: a node's left child holds the
 * first `cover[left]` rows of its range (partition is stable and ranges are nested).
 */
function addLeafValues(tree: GrownTree, idx: Int32Array, raw: Float64Array, n: number): void {
  const stack: number[] = [0, 0, n];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const id = stack.pop()!;
    if (tree.feature[id] < 0) {
      const v = tree.value[id];
      for (let k = start; k < end; k++) raw[idx[k]] += v;
      continue;
    }
    const mid = start + tree.cover[tree.left[id]];
    stack.push(tree.left[id], start, mid, tree.right[id], mid, end);
  }
}

/**
 * Fills `hist` from rows idx[start..end). Only the slots of bins a feature really has (and its
 * missing bin) are written; split finding never reads the others.
 */
function buildHistogram(
  hist: Float64Array,
  data: BinnedData,
  grad: Float64Array,
  hess: Float64Array,
  idx: Int32Array,
  start: number,
  end: number,
  ws: GrowWorkspace,
): void {
  const m = end - start;
  const gOrd = ws.gOrd;
  const hOrd = ws.hOrd;
  const tmp = ws.tmp;
  for (let k = 0; k < m; k++) {
    const i = idx[start + k];
    tmp[k] = i;
    gOrd[k] = grad[i];
    hOrd[k] = hess[i];
  }
  const n = data.n;
  const binned = data.binned;
  for (let f = 0; f < data.nFeatures; f++) {
    const base = f * n;
    const hb = f * STRIDE;
    const nb = data.nBins[f];
    hist.fill(0, hb, hb + nb * 3);
    hist.fill(0, hb + MISSING * 3, hb + MISSING * 3 + 3);
    if (nb > SMALL_FEATURE_BINS) {
      for (let k = 0; k < m; k++) {
        const o = hb + binned[base + tmp[k]] * 3;
        hist[o] += gOrd[k];
        hist[o + 1] += hOrd[k];
        hist[o + 2] += 1;
      }
      continue;
    }
    // Few bins: consecutive rows often hit the same slot, and each add would wait for the
    // previous one. Four interleaved partial histograms keep the adds independent.
    const part = ws.partial;
    for (let c = 0; c < 4 * PART; c += PART) {
      part.fill(0, c, c + nb * 3);
      part.fill(0, c + MISSING * 3, c + MISSING * 3 + 3);
    }
    let k = 0;
    for (; k + 3 < m; k += 4) {
      const o0 = binned[base + tmp[k]] * 3;
      const o1 = PART + binned[base + tmp[k + 1]] * 3;
      const o2 = 2 * PART + binned[base + tmp[k + 2]] * 3;
      const o3 = 3 * PART + binned[base + tmp[k + 3]] * 3;
      part[o0] += gOrd[k];
      part[o0 + 1] += hOrd[k];
      part[o0 + 2] += 1;
      part[o1] += gOrd[k + 1];
      part[o1 + 1] += hOrd[k + 1];
      part[o1 + 2] += 1;
      part[o2] += gOrd[k + 2];
      part[o2 + 1] += hOrd[k + 2];
      part[o2 + 2] += 1;
      part[o3] += gOrd[k + 3];
      part[o3 + 1] += hOrd[k + 3];
      part[o3 + 2] += 1;
    }
    for (; k < m; k++) {
      const o = binned[base + tmp[k]] * 3;
      part[o] += gOrd[k];
      part[o + 1] += hOrd[k];
      part[o + 2] += 1;
    }
    for (let b = 0; b < nb; b++) {
      for (let j = 0; j < 3; j++) {
        const o = b * 3 + j;
        hist[hb + o] = part[o] + part[PART + o] + part[2 * PART + o] + part[3 * PART + o];
      }
    }
    const mo = MISSING * 3;
    for (let j = 0; j < 3; j++) hist[hb + mo + j] = part[mo + j] + part[PART + mo + j] + part[2 * PART + mo + j] + part[3 * PART + mo + j];
  }
}

/** parent -= child over the slots {@link buildHistogram} writes; parent then holds the sibling. */
function subtractHistogram(parent: Float64Array, child: Float64Array, data: BinnedData): void {
  for (let f = 0; f < data.nFeatures; f++) {
    const hb = f * STRIDE;
    const end = hb + data.nBins[f] * 3;
    for (let i = hb; i < end; i++) parent[i] -= child[i];
    const mo = hb + MISSING * 3;
    parent[mo] -= child[mo];
    parent[mo + 1] -= child[mo + 1];
    parent[mo + 2] -= child[mo + 2];
  }
}

/** Stable in-place partition of idx[start..end) by the split; returns the first right position. */
function partition(data: BinnedData, idx: Int32Array, tmp: Int32Array, start: number, end: number, s: Split): number {
  const base = s.feature * data.n;
  const binned = data.binned;
  let l = start;
  let r = 0;
  if (s.catBins !== null) {
    const bits = s.catBins;
    for (let k = start; k < end; k++) {
      const i = idx[k];
      const b = binned[base + i];
      if ((bits[b >>> 5] & (1 << (b & 31))) !== 0) idx[l++] = i;
      else tmp[r++] = i;
    }
  } else {
    const t = s.bin;
    const ml = s.missingLeft;
    for (let k = start; k < end; k++) {
      const i = idx[k];
      const b = binned[base + i];
      if (b === MISSING ? ml : b <= t) idx[l++] = i;
      else tmp[r++] = i;
    }
  }
  for (let k = 0; k < r; k++) idx[l + k] = tmp[k];
  return l;
}

/** Routes one binned row (feature-major matrix `binned` with `n` rows, row `i`) to its leaf value. */
export function predictBinned(tree: GrownTree, binned: Uint8Array, n: number, i: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const b = binned[tree.feature[node] * n + i];
    const bits = tree.catBins[node];
    const goLeft = bits !== null ? (bits[b >>> 5] & (1 << (b & 31))) !== 0 : b === MISSING ? tree.missingLeft[node] === 1 : b <= tree.bin[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

