import { fitGbdt, predictGbdtMargin } from '../../models/gbdt';
import { compileForest } from '../../models/gbdt-predict';
import { marginFunction } from '../../models/forest-function';
import { forestData as data } from '../support/forest-data';
import { rng } from '../support/rng';

describe('marginFunction (a forest as generated code)', () => {
  it('gives bit-for-bit the margin of the table walker, with missing values, categories and unseen codes', () => {
    const { X, y } = data(3000, 5);
    const model = fitGbdt(X, y, { maxIter: 40, maxLeafNodes: 15, categorical: [false, true, false, false], seed: 1 });
    const margin = marginFunction(compileForest(model));
    const r = rng(9);
    const probes = [
      ...X.slice(0, 500),
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      [50, 17, 0.5, 3], // a category never seen in training
      [50, -1, 0.5, Number.NaN],
      [50, 2.5, 0.5, 7],
      [Infinity, 3, -Infinity, -Infinity],
      ...Array.from({ length: 200 }, () => [r() * 300 - 100, Math.floor(r() * 8), r(), r() * 12]),
    ];
    for (const row of probes) expect(Object.is(margin(Float64Array.from(row)), predictGbdtMargin(model, row))).toBe(true);
  });

  it('falls back to the table walker for a forest it cannot write as plain numbers', () => {
    const { X, y } = data(500, 6);
    const model = fitGbdt(X, y, { maxIter: 3, seed: 2 });
    const forest = compileForest(model);
    const leaf = forest.feature.findIndex((f) => f < 0);
    const broken = { ...forest, value: Float64Array.from(forest.value) };
    broken.value[leaf] = Number.NaN;
    const margin = marginFunction(broken);
    // The walker's answer, NaN included where a row reaches the broken leaf: never a wrong number.
    for (const row of X.slice(0, 100)) {
      const m = margin(Float64Array.from(row));
      const leafReached = Number.isNaN(m);
      if (!leafReached) expect(m).toBe(predictGbdtMargin(model, row));
    }
    expect(X.slice(0, 100).some((row) => Number.isNaN(margin(Float64Array.from(row))))).toBe(true);
  });
});
