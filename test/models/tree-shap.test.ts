import { fitGbdt, gbdtContributions, predictGbdtMargin } from '../../models/gbdt';
import type { GbdtModel } from '../../models/gbdt';
import { ShapTree, ShapWorkspace, treeExpectedValue, treeShap } from '../../models/tree-shap';
import { rng } from '../support/rng';

/** Numeric tree for tests: x[feature] <= threshold goes left. */
interface TestTree extends ShapTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

/**
 * Path-dependent conditional expectation E[f(x) | x_S]: follow the row on features in S,
 * otherwise average both children weighted by their cover.
 */
function conditionalExpectation(t: TestTree, node: number, x: number[], S: Set<number>, nanLeft = false): number {
  const f = t.feature[node];
  if (f < 0) return t.value[node];
  const l = t.left[node];
  const r = t.right[node];
  if (S.has(f)) {
    const goLeft = Number.isNaN(x[f]) ? nanLeft : x[f] <= t.threshold[node];
    return conditionalExpectation(t, goLeft ? l : r, x, S, nanLeft);
  }
  return (t.cover[l] * conditionalExpectation(t, l, x, S, nanLeft) + t.cover[r] * conditionalExpectation(t, r, x, S, nanLeft)) / t.cover[node];
}

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

/** Shapley values by enumerating every coalition of the M features. */
function bruteForceShapley(v: (S: Set<number>) => number, M: number): number[] {
  const phi = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if (mask & (1 << i)) continue;
      const S = new Set<number>();
      for (let j = 0; j < M; j++) if (mask & (1 << j)) S.add(j);
      const w = (factorial(S.size) * factorial(M - S.size - 1)) / factorial(M);
      const withI = new Set(S).add(i);
      phi[i] += w * (v(withI) - v(S));
    }
  }
  return phi;
}

function shapOf(t: TestTree, x: number[], M: number): Float64Array {
  const phi = new Float64Array(M);
  treeShap(t, 0, (node) => x[t.feature[node]] <= t.threshold[node], phi, new ShapWorkspace(8));
  return phi;
}

/**
 * Depth-3 tree over 3 features; feature 0 is split twice on one path (root and again at depth 2),
 * which exercises the unwind step of the algorithm. Covers are unbalanced on purpose.
 *
 *            n0: x0 <= 0.5 (100)
 *          /                    \
 *   n1: x1 <= 0.3 (60)       n2: x2 <= 0.7 (40)
 *    /          \              /         \
 * n3: 1.0 (25) n4: x0<=0.2 (35)  n5: -2 (10)  n6: x1 <= 0.6 (30)
 *               /      \                        /       \
 *          n7: 3 (5)  n8: -1 (30)          n9: 0.5 (12) n10: 4 (18)
 */
const handTree: TestTree = {
  feature: [0, 1, 2, -1, 0, -1, 1, -1, -1, -1, -1],
  threshold: [0.5, 0.3, 0.7, 0, 0.2, 0, 0.6, 0, 0, 0, 0],
  left: [1, 3, 5, -1, 7, -1, 9, -1, -1, -1, -1],
  right: [2, 4, 6, -1, 8, -1, 10, -1, -1, -1, -1],
  value: [0, 0, 0, 1.0, 0, -2, 0, 3, -1, 0.5, 4],
  cover: [100, 60, 40, 25, 35, 10, 30, 5, 30, 12, 18],
};

describe('TreeSHAP on a hand-built tree', () => {
  const rows: number[][] = [];
  for (const x0 of [0.1, 0.3, 0.9]) for (const x1 of [0.2, 0.5, 0.8]) for (const x2 of [0.4, 0.9]) rows.push([x0, x1, x2]);

  it('expected value is the cover-weighted mean of the leaves', () => {
    const ev = (25 * 1 + 5 * 3 + 30 * -1 + 10 * -2 + 12 * 0.5 + 18 * 4) / 100;
    expect(treeExpectedValue(handTree, 0)).toBeCloseTo(ev, 12);
  });

  it.each(rows)('matches brute-force Shapley values for x = (%f, %f, %f)', (...x: number[]) => {
    const brute = bruteForceShapley((S) => conditionalExpectation(handTree, 0, x, S), 3);
    const phi = shapOf(handTree, x, 3);
    for (let i = 0; i < 3; i++) expect(phi[i]).toBeCloseTo(brute[i], 10);
    // Efficiency: contributions add up to f(x) - E[f].
    const fx = conditionalExpectation(handTree, 0, x, new Set([0, 1, 2]));
    expect(phi[0] + phi[1] + phi[2]).toBeCloseTo(fx - treeExpectedValue(handTree, 0), 10);
  });

  it('gives zero to a feature the tree never uses', () => {
    const phi = new Float64Array(4);
    treeShap(handTree, 0, (node) => [0.3, 0.5, 0.9, 0][handTree.feature[node]] <= handTree.threshold[node], phi, new ShapWorkspace(8));
    expect(phi[3]).toBe(0);
    expect(Math.abs(phi[0]) + Math.abs(phi[1]) + Math.abs(phi[2])).toBeGreaterThan(0.1);
  });
});

/** One tree of a fitted model as a standalone numeric test tree (node ids rebased to 0). */
function treeOf(model: GbdtModel, t: number): TestTree {
  const start = model.roots[t];
  const end = t + 1 < model.roots.length ? model.roots[t + 1] : model.nodes.feature.length;
  const nd = model.nodes;
  const rebase = (i: number): number => (i < 0 ? -1 : i - start);
  return {
    feature: nd.feature.slice(start, end),
    threshold: nd.threshold.slice(start, end),
    left: nd.left.slice(start, end).map(rebase),
    right: nd.right.slice(start, end).map(rebase),
    value: nd.value.slice(start, end),
    cover: nd.cover.slice(start, end),
  };
}

describe('TreeSHAP on a fitted model', () => {
  const r = rng(11);
  const n = 600;
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [r() * 2 - 1, r() * 2 - 1, r() * 2 - 1, Math.floor(r() * 4)];
    if (r() < 0.1) row[1] = Number.NaN;
    const z = 2 * row[0] * row[2] + (Number.isNaN(row[1]) ? 1 : row[1]) + (row[3] === 2 ? 1.5 : 0);
    X.push(row);
    y.push(r() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0);
  }

  it('contributions plus expected value equal the raw margin for random rows (numeric, missing, categorical)', () => {
    const model = fitGbdt(X, y, { maxIter: 40, categorical: [false, false, false, true], minSamplesLeaf: 10 });
    expect(model.categorical[3]).toBe(true);
    expect(model.nodes.catOffset.some((o) => o >= 0)).toBe(true);
    const rr = rng(5);
    for (let k = 0; k < 50; k++) {
      const row = [rr() * 3 - 1.5, rr() < 0.2 ? Number.NaN : rr() * 2 - 1, rr() * 2 - 1, rr() < 0.1 ? Number.NaN : Math.floor(rr() * 6)];
      const { expectedValue, contributions } = gbdtContributions(model, row);
      let sum = expectedValue;
      for (const c of contributions) sum += c;
      expect(sum).toBeCloseTo(predictGbdtMargin(model, row), 9);
    }
  });

  it('expected value is the mean training margin (covers are training row counts)', () => {
    const model = fitGbdt(X, y, { maxIter: 30, categorical: [false, false, false, true] });
    const { expectedValue } = gbdtContributions(model, X[0]);
    let mean = 0;
    for (const row of X) mean += predictGbdtMargin(model, row);
    expect(expectedValue).toBeCloseTo(mean / n, 9);
  });

  it('matches brute-force Shapley values summed over the trees of a small model', () => {
    const Xn = X.map((row) => row.slice(0, 3));
    const model = fitGbdt(Xn, y, { maxIter: 5, maxLeafNodes: 8 });
    // Missing values in feature 1 were seen in training, so each split chose their direction.
    const rows = [Xn[0], Xn[1], Xn[2], [0.3, Number.NaN, -0.7]];
    for (const x of rows) {
      const brute = new Array<number>(3).fill(0);
      for (let t = 0; t < model.roots.length; t++) {
        const tree = treeOf(model, t);
        const start = model.roots[t];
        const exp = (node: number, S: Set<number>): number => {
          const f = tree.feature[node];
          if (f < 0) return tree.value[node];
          const l = tree.left[node];
          const rt = tree.right[node];
          if (S.has(f)) {
            const goLeft = Number.isNaN(x[f]) ? model.nodes.missingLeft[start + node] === 1 : x[f] <= tree.threshold[node];
            return exp(goLeft ? l : rt, S);
          }
          return (tree.cover[l] * exp(l, S) + tree.cover[rt] * exp(rt, S)) / tree.cover[node];
        };
        const phiT = bruteForceShapley((S) => exp(0, S), 3);
        for (let i = 0; i < 3; i++) brute[i] += phiT[i];
      }
      const { contributions } = gbdtContributions(model, x);
      for (let i = 0; i < 3; i++) expect(contributions[i]).toBeCloseTo(brute[i], 9);
    }
  });
});
