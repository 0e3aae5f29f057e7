/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent Individualized
 * Feature Attribution for Tree Ensembles", Algorithm 2), the version shipped in the `shap`
 * library. For one row it returns each feature's Shapley value of the tree output, where a
 * feature outside the coalition is integrated out by following both children in proportion
 * to their training cover. Runs in O(leaves · depth²) per tree.
 *
 * The tree is read through {@link ShapTree} so any flat node table can be explained; the caller
 * supplies the routing of the explained row (`goesLeft`), which keeps missing-value and
 * categorical rules in one place (the model's own predictor).
 */

/** Flat binary tree: node ids index the arrays; leaves have feature < 0. */
export interface ShapTree {
  readonly feature: ArrayLike<number>;
  readonly left: ArrayLike<number>;
  readonly right: ArrayLike<number>;
  /** Leaf outputs (inner node values are ignored). */
  readonly value: ArrayLike<number>;
  /** Training weight reaching each node; cover[parent] = cover[left] + cover[right]. */
  readonly cover: ArrayLike<number>;
}

/** Whether the explained row goes to the left child of inner node `node`. */
export type RowRouter = (node: number) => boolean;

/** Cover-weighted mean leaf output under `root`: the tree's expected value E[f(X)]. */
export function treeExpectedValue(tree: ShapTree, root: number): number {
  if (tree.feature[root] < 0) return tree.value[root];
  const l = tree.left[root];
  const r = tree.right[root];
  const c = tree.cover[l] + tree.cover[r];
  if (!(c > 0)) return 0;
  return (tree.cover[l] * treeExpectedValue(tree, l) + tree.cover[r] * treeExpectedValue(tree, r)) / c;
}

/** Reusable path buffers for trees up to `maxDepth` edges deep. */
export class ShapWorkspace {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  constructor(readonly maxDepth: number) {
    const d = maxDepth + 2;
    const size = ((d + 1) * (d + 2)) / 2 + 1;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/**
 * Adds the SHAP values of the tree under `root` for one row to `phi` (indexed by feature).
 * Their sum equals the tree's output for the row minus {@link treeExpectedValue}.
 */
export function treeShap(tree: ShapTree, root: number, goesLeft: RowRouter, phi: Float64Array, ws: ShapWorkspace): void {
  recurse(tree, goesLeft, phi, ws, root, 0, 0, 1, 1, -1);
}

/** Inserts a feature into the path at `d` (offset `o`), updating the permutation weights. */
function extendPath(ws: ShapWorkspace, o: number, d: number, zero: number, one: number, feature: number): void {
  const w = ws.weight;
  ws.feature[o + d] = feature;
  ws.zero[o + d] = zero;
  ws.one[o + d] = one;
  w[o + d] = d === 0 ? 1 : 0;
  for (let i = d - 1; i >= 0; i--) {
    w[o + i + 1] += (one * w[o + i] * (i + 1)) / (d + 1);
    w[o + i] = (zero * w[o + i] * (d - i)) / (d + 1);
  }
}

/** Removes path element `pi` (undoing its extend). */
function unwindPath(ws: ShapWorkspace, o: number, d: number, pi: number): void {
  const w = ws.weight;
  const one = ws.one[o + pi];
  const zero = ws.zero[o + pi];
  let next = w[o + d];
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = w[o + i];
      w[o + i] = (next * (d + 1)) / ((i + 1) * one);
      next = tmp - (w[o + i] * zero * (d - i)) / (d + 1);
    } else {
      w[o + i] = (w[o + i] * (d + 1)) / (zero * (d - i));
    }
  }
  for (let i = pi; i < d; i++) {
    ws.feature[o + i] = ws.feature[o + i + 1];
    ws.zero[o + i] = ws.zero[o + i + 1];
    ws.one[o + i] = ws.one[o + i + 1];
  }
}

/** Total permutation weight of the path with element `pi` removed, without modifying it. */
function unwoundPathSum(ws: ShapWorkspace, o: number, d: number, pi: number): number {
  const w = ws.weight;
  const one = ws.one[o + pi];
  const zero = ws.zero[o + pi];
  let next = w[o + d];
  let total = 0;
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (d + 1)) / ((i + 1) * one);
      total += tmp;
      next = w[o + i] - (tmp * zero * (d - i)) / (d + 1);
    } else if (zero !== 0) {
      total += w[o + i] / zero / ((d - i) / (d + 1));
    }
  }
  return total;
}

function recurse(
  tree: ShapTree,
  goesLeft: RowRouter,
  phi: Float64Array,
  ws: ShapWorkspace,
  node: number,
  depth: number,
  parentOffset: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  // Each level works on its own copy of the path so siblings see the parent's state.
  const o = parentOffset + depth + 1;
  for (let i = 0; i < depth; i++) {
    ws.feature[o + i] = ws.feature[parentOffset + i];
    ws.zero[o + i] = ws.zero[parentOffset + i];
    ws.one[o + i] = ws.one[parentOffset + i];
    ws.weight[o + i] = ws.weight[parentOffset + i];
  }
  extendPath(ws, o, depth, parentZero, parentOne, parentFeature);
  const split = tree.feature[node];
  if (split < 0) {
    const v = tree.value[node];
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(ws, o, depth, i);
      phi[ws.feature[o + i]] += w * (ws.one[o + i] - ws.zero[o + i]) * v;
    }
    return;
  }
  const left = tree.left[node];
  const right = tree.right[node];
  const hot = goesLeft(node) ? left : right;
  const cold = hot === left ? right : left;
  const c = tree.cover[node];
  const hotZero = c > 0 ? tree.cover[hot] / c : 0;
  const coldZero = c > 0 ? tree.cover[cold] / c : 0;
  let inZero = 1;
  let inOne = 1;
  // A feature already on the path is removed and re-added with the combined fractions.
  let d = depth;
  for (let pi = 1; pi <= d; pi++) {
    if (ws.feature[o + pi] === split) {
      inZero = ws.zero[o + pi];
      inOne = ws.one[o + pi];
      unwindPath(ws, o, d, pi);
      d -= 1;
      break;
    }
  }
  recurse(tree, goesLeft, phi, ws, hot, d + 1, o, hotZero * inZero, inOne, split);
  recurse(tree, goesLeft, phi, ws, cold, d + 1, o, coldZero * inZero, 0, split);
}
