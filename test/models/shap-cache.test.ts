import { fitGbdt, gbdtContributions } from '../../models/gbdt';
import { largestAbove } from '../../models/scoring/compiled';
import { CachedTreeShap } from '../../models/scoring/shap-cache';
import { forestData as data } from '../support/forest-data';
import { rng } from '../support/rng';

/** Rows the trees never saw: missing values everywhere, unseen categories, infinities. */
function probes(X: number[][], seed: number): number[][] {
  const r = rng(seed);
  return [
    ...X.slice(0, 300),
    [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
    [50, 17, 0.5, 2],
    [50, -1, 0.5, Number.NaN],
    [Infinity, 2.5, -Infinity, 11],
    ...Array.from({ length: 200 }, () => [r() < 0.2 ? Number.NaN : r() * 300 - 100, Math.floor(r() * 8), r(), r() < 0.2 ? Number.NaN : r() * 12]),
  ];
}

describe('CachedTreeShap.contributionsMany', () => {
  it.each([
    ['numeric splits only (branch-free routing)', [false, false, false, false]],
    ['with a categorical column', [false, true, false, false]],
  ])('gives exactly the TreeSHAP values of every row: %s', (_name, categorical) => {
    const { X, y } = data(3000, 11);
    const model = fitGbdt(X, y, { maxIter: 30, maxLeafNodes: 15, categorical, seed: 3 });
    const rows = probes(X, 4);
    const nf = X[0].length;
    const inputs = Float64Array.from(rows.flat());
    const shap = new CachedTreeShap(model);
    // Twice: the first pass fills the cache, the second reads it.
    for (let pass = 0; pass < 2; pass++) {
      const phi = new Float64Array(inputs.length);
      shap.contributionsMany(inputs, rows.length, phi);
      rows.forEach((row, i) => {
        const exact = gbdtContributions(model, row);
        for (let j = 0; j < nf; j++) expect(phi[i * nf + j]).toBeCloseTo(exact.contributions[j], 12);
      });
    }
  });
});

describe('largestAbove', () => {
  /** What it replaces: qualifying indices, stable-sorted by value, largest first. */
  const reference = (values: number[], above: number, top: number) =>
    values
      .map((v, j) => ({ v, j }))
      .filter(({ v }) => v > above)
      .sort((a, b) => b.v - a.v)
      .slice(0, top)
      .map(({ j }) => j);

  it('picks the largest values above the floor, largest first, ties in index order, never NaN', () => {
    const r = rng(21);
    const out = new Int32Array(5);
    for (let t = 0; t < 2000; t++) {
      const n = Math.floor(r() * 30);
      // Few distinct values, so ties are common; some NaN and some at the floor itself.
      const values = Array.from({ length: n }, () => (r() < 0.1 ? Number.NaN : Math.floor(r() * 7) / 2 - 1));
      const top = Math.floor(r() * 6);
      const count = largestAbove(values, 0, top, out);
      expect(Array.from(out.subarray(0, count))).toEqual(reference(values, 0, top));
    }
  });

  it('refuses an output buffer smaller than asked for', () => {
    expect(() => largestAbove([1, 2, 3], 0, 3, new Int32Array(2))).toThrow(/room for 2/);
  });
});
