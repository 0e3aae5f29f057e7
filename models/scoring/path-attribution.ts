/**
 * Path attribution of a tree ensemble (Saabas): walking the row's own path through each tree, every
 * split credits its feature with the change in the node value from parent to child. It costs one
 * prediction, so it is used for the stored propensity reasons of millions of (customer, product)
 * pairs; exact TreeSHAP (shap-cache.ts) is used wherever a single customer is explained and for the
 * stored churn reasons. Contributions plus the sum of root values equal the row's raw margin.
 */
import { compileForest, goesLeft } from '../gbdt-predict';
import type { GbdtModel } from '../gbdt';

/** Adds each feature's path contribution for `row` to `phi` (zeroed by the caller); returns the margin. */
export function pathContributions(model: GbdtModel, row: ArrayLike<number>, phi: Float64Array): number {
  const c = compileForest(model);
  let margin = c.baseline;
  for (let t = 0; t < c.roots.length; t++) {
    let node = c.roots[t];
    margin += c.value[node];
    while (c.feature[node] >= 0) {
      const f = c.feature[node];
      const kind = c.kind[node];
      const left = kind === 0 ? row[f] <= c.threshold[node] : kind === 1 ? !(row[f] > c.threshold[node]) : goesLeft(c, node, row);
      const child = left ? c.left[node] : c.right[node];
      const delta = c.value[child] - c.value[node];
      phi[f] += delta;
      margin += delta;
      node = child;
    }
  }
  return margin;
}
