/**
 * Exact TreeSHAP for many rows, memoised per tree on the row's routing.
 *
 * A tree's path-dependent SHAP values for a row depend only on which way the row goes at each inner
 * node of that tree (the algorithm follows the row's side for features in the coalition and both sides
 * otherwise). So the routing of all inner nodes — a bit mask — is an exact cache key: rows with the
 * same routing share the tree's contributions. Batch scoring of a million customers then costs about
 * one prediction per tree per row plus a few cache misses, while the values stay identical to
 * `gbdtContributions`.
 *
 * The cache is flat: per tree a table indexed directly by the routing mask (trees of up to
 * MAX_KEYED_INNER inner nodes), pointing into one shared store of (feature, value) pairs. A lookup is
 * two array reads, with no per-entry objects for the garbage collector to trace.
 */
import { compileForest, goesLeft, type CompiledForest } from '../gbdt-predict';
import type { GbdtModel } from '../gbdt';
import { ShapWorkspace, treeExpectedValue, treeShap } from '../tree-shap';

/** Trees with more inner nodes than this are explained without caching (the table would be 2^n). */
const MAX_KEYED_INNER = 16;
/** Default cap on cached (feature, value) pairs over all trees (≈ 12 bytes each, so ≈ 100 MB). */
const MAX_STORED_PAIRS = 8_000_000;

interface TreeInfo {
  root: number;
  inner: Int32Array; // inner node ids of the tree
  /** Per inner node, in `inner` order: its feature, threshold and whether a missing value goes left. */
  innerFeature: Int32Array;
  innerThreshold: Float64Array;
  innerMissingLeft: Int32Array;
  /** No categorical split: the routing mask is pure threshold comparisons. */
  numeric: boolean;
  /** By routing mask: 1 + index of the cached entry, 0 when not computed yet; null when not keyed. */
  slots: Int32Array | null;
}

export class CachedTreeShap {
  private readonly forest: CompiledForest;
  private readonly trees: TreeInfo[];
  private readonly ws: ShapWorkspace;
  private readonly scratch: Float64Array;
  /** Entry i holds the pairs [entryStart[i], entryStart[i + 1]) of pairFeature / pairValue. */
  private entryStart = new Int32Array(1024);
  private entries = 0;
  private pairFeature = new Int32Array(8192);
  private pairValue = new Float64Array(8192);
  readonly expectedValue: number;

  /** `maxStoredPairs`: once the store holds this many pairs, further misses are computed but not kept. */
  constructor(model: GbdtModel, private readonly maxStoredPairs = MAX_STORED_PAIRS) {
    const c = compileForest(model);
    this.forest = c;
    this.ws = new ShapWorkspace(c.maxDepth);
    this.scratch = new Float64Array(c.nFeatures);
    let ev = c.baseline;
    this.trees = [];
    for (let t = 0; t < c.roots.length; t++) {
      const root = c.roots[t];
      const end = t + 1 < c.roots.length ? c.roots[t + 1] : c.feature.length;
      const inner: number[] = [];
      for (let n = root; n < end; n++) if (c.feature[n] >= 0) inner.push(n);
      this.trees.push({
        root,
        inner: Int32Array.from(inner),
        innerFeature: Int32Array.from(inner, (n) => c.feature[n]),
        innerThreshold: Float64Array.from(inner, (n) => c.threshold[n]),
        innerMissingLeft: Int32Array.from(inner, (n) => c.missingLeft[n]),
        numeric: inner.every((n) => c.kind[n] !== 2),
        slots: inner.length <= MAX_KEYED_INNER ? new Int32Array(1 << inner.length) : null,
      });
      ev += treeExpectedValue(c, root);
    }
    this.expectedValue = ev;
  }

  /**
   * Adds every tree's SHAP values for `row` (model input order) to `phi` (zeroed by the caller) and
   * returns the expected value; expectedValue + Σ phi equals the row's raw margin.
   */
  contributions(row: Float64Array, phi: Float64Array): number {
    this.contributionsMany(row, 1, phi);
    return this.expectedValue;
  }

  /**
   * Contributions of `count` rows at once: `inputs` holds the rows one after another (model input
   * order, `nFeatures` values each) and `phi` (zeroed by the caller, same shape) receives their values.
   * Tree by tree over all rows, so each tree's cache stays in the CPU cache while it is used; the
   * values are identical to calling `contributions` row by row.
   */
  contributionsMany(inputs: Float64Array, count: number, phi: Float64Array): void {
    const c = this.forest;
    const nf = c.nFeatures;
    if (inputs.length < count * nf || phi.length < count * nf) throw new Error(`contributionsMany: expected ${count} rows of ${nf} values`);
    const kind = c.kind;
    const feature = c.feature;
    const threshold = c.threshold;
    const row = new Float64Array(nf);
    const route = (node: number) => goesLeft(c, node, row);
    const load = (r: number) => {
      for (let f = 0, base = r * nf; f < nf; f++) row[f] = inputs[base + f];
    };
    for (const tree of this.trees) {
      const slots = tree.slots;
      const inner = tree.inner;
      for (let r = 0; r < count; r++) {
        const base = r * nf;
        if (slots === null) {
          load(r);
          const s = this.scratch;
          s.fill(0);
          treeShap(c, tree.root, route, s, this.ws);
          for (let f = 0; f < nf; f++) phi[base + f] += s[f];
          continue;
        }
        let key = 0;
        if (tree.numeric) {
          // Without branches on the data: a row goes left when x <= threshold, or when x is missing
          // and the node sends missing values left.
          const tf = tree.innerFeature;
          const tt = tree.innerThreshold;
          const tm = tree.innerMissingLeft;
          for (let k = 0; k < tf.length; k++) {
            const x = inputs[base + tf[k]];
            key |= (Number(x <= tt[k]) | (Number(x !== x) & tm[k])) << k;
          }
        } else {
          for (let k = 0; k < inner.length; k++) {
            const node = inner[k];
            const kd = kind[node];
            const x = inputs[base + feature[node]];
            const left = kd === 0 ? x <= threshold[node] : kd === 1 ? !(x > threshold[node]) : (load(r), goesLeft(c, node, row));
            if (left) key |= 1 << k;
          }
        }
        let entry = slots[key] - 1;
        if (entry < 0) {
          load(r);
          entry = this.compute(tree, route);
          if (entry < 0) {
            const s = this.scratch;
            for (let f = 0; f < nf; f++) phi[base + f] += s[f];
            continue;
          }
          slots[key] = entry + 1;
        }
        const pf = this.pairFeature;
        const pv = this.pairValue;
        for (let p = this.entryStart[entry], end = this.entryStart[entry + 1]; p < end; p++) phi[base + pf[p]] += pv[p];
      }
    }
  }

  /** Computes one tree's values into `scratch` and caches its non-zero pairs; -1 when the store is full. */
  private compute(tree: TreeInfo, route: (node: number) => boolean): number {
    const s = this.scratch;
    s.fill(0);
    treeShap(this.forest, tree.root, route, s, this.ws);
    let nonZero = 0;
    for (let f = 0; f < s.length; f++) if (s[f] !== 0) nonZero++;
    const from = this.entries === 0 ? 0 : this.entryStart[this.entries];
    if (from + nonZero > this.maxStoredPairs) return -1;
    if (from + nonZero > this.pairValue.length) {
      const size = Math.min(this.maxStoredPairs, Math.max(2 * this.pairValue.length, from + nonZero));
      const pf = new Int32Array(size);
      pf.set(this.pairFeature);
      const pv = new Float64Array(size);
      pv.set(this.pairValue);
      this.pairFeature = pf;
      this.pairValue = pv;
    }
    if (this.entries + 2 > this.entryStart.length) {
      const es = new Int32Array(2 * this.entryStart.length);
      es.set(this.entryStart);
      this.entryStart = es;
    }
    let p = from;
    for (let f = 0; f < s.length; f++) {
      if (s[f] !== 0) {
        this.pairFeature[p] = f;
        this.pairValue[p] = s[f];
        p++;
      }
    }
    const entry = this.entries++;
    this.entryStart[entry] = from;
    this.entryStart[entry + 1] = p;
    return entry;
  }
}
