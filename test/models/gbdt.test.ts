import {
  GbdtModelError,
  deserialiseGbdt,
  fitGbdt,
  predictGbdt,
  predictGbdtBatch,
  predictGbdtMargin,
  serialiseGbdt,
} from '../../models/gbdt';
import type { GbdtModel } from '../../models/gbdt';
import { rng } from '../support/rng';

function auc(y: ArrayLike<number>, s: ArrayLike<number>): number {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

/** XOR of the signs of two features, with two noise features and 5 % label noise. */
function xorData(n: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [r() * 2 - 1, r() * 2 - 1, r(), r()];
    const label = row[0] > 0 !== row[1] > 0 ? 1 : 0;
    X.push(row);
    y.push(r() < 0.05 ? 1 - label : label);
  }
  return { X, y };
}

describe('fitGbdt / predictGbdt', () => {
  it('learns an XOR pattern that no single split can separate', () => {
    const train = xorData(2000, 1);
    const test = xorData(1000, 2);
    const model = fitGbdt(train.X, train.y, { seed: 3 });
    const p = predictGbdtBatch(model, test.X);
    let correct = 0;
    for (let i = 0; i < p.length; i++) correct += (p[i] > 0.5 ? 1 : 0) === test.y[i] ? 1 : 0;
    expect(correct / p.length).toBeGreaterThan(0.9);
    expect(auc(test.y, p)).toBeGreaterThan(0.93);
    // Training loss goes down round after round.
    expect(model.trainLoss[model.trainLoss.length - 1]).toBeLessThan(model.trainLoss[0] * 0.6);
  });

  it('starts from the log-odds of the prior', () => {
    const { X, y } = xorData(500, 4);
    const model = fitGbdt(X, y, { maxIter: 1 });
    const rate = y.reduce((a, b) => a + b, 0) / y.length;
    expect(model.baseline).toBeCloseTo(Math.log(rate / (1 - rate)), 12);
  });

  it('is deterministic for a seed, also with early stopping', () => {
    const { X, y } = xorData(1500, 5);
    const a = fitGbdt(X, y, { seed: 42, earlyStopping: true });
    const b = fitGbdt(X, y, { seed: 42, earlyStopping: true });
    expect(serialiseGbdt(a)).toBe(serialiseGbdt(b));
    const c = fitGbdt(X, y, { seed: 43, earlyStopping: true });
    // A different seed draws a different validation split, hence different trees.
    expect(serialiseGbdt(c)).not.toBe(serialiseGbdt(a));
  });

  it('stops early on pure noise and keeps a validation loss history', () => {
    const r = rng(9);
    const X = Array.from({ length: 3000 }, () => [r(), r(), r()]);
    const y = X.map(() => (r() < 0.3 ? 1 : 0));
    const model = fitGbdt(X, y, { earlyStopping: true, maxIter: 200 });
    expect(model.roots.length).toBeLessThan(60);
    expect(model.validationLoss.length).toBe(model.roots.length);
    expect(fitGbdt(X.slice(0, 500), y.slice(0, 500), { maxIter: 15 }).validationLoss).toEqual([]);
  });

  it('respects maxLeafNodes, maxDepth and minSamplesLeaf', () => {
    const { X, y } = xorData(1000, 6);
    const model = fitGbdt(X, y, { maxIter: 10, maxLeafNodes: 5, minSamplesLeaf: 40 });
    const nd = model.nodes;
    for (let t = 0; t < model.roots.length; t++) {
      const end = t + 1 < model.roots.length ? model.roots[t + 1] : nd.feature.length;
      let leaves = 0;
      for (let i = model.roots[t]; i < end; i++) {
        if (nd.feature[i] < 0) {
          leaves++;
          expect(nd.cover[i]).toBeGreaterThanOrEqual(40);
        } else {
          expect(nd.cover[nd.left[i]] + nd.cover[nd.right[i]]).toBe(nd.cover[i]);
        }
      }
      expect(leaves).toBeLessThanOrEqual(5);
      expect(nd.cover[model.roots[t]]).toBe(1000);
    }
    const shallow = fitGbdt(X, y, { maxIter: 5, maxDepth: 2 });
    const depth = new Map<number, number>();
    shallow.roots.forEach((r) => depth.set(r, 0));
    for (let i = 0; i < shallow.nodes.feature.length; i++) {
      if (shallow.nodes.feature[i] < 0) continue;
      depth.set(shallow.nodes.left[i], depth.get(i)! + 1);
      depth.set(shallow.nodes.right[i], depth.get(i)! + 1);
    }
    expect(Math.max(...depth.values())).toBe(2);
  });

  it('learns which way missing values go', () => {
    const r = rng(12);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const missing = r() < 0.2;
      const x = r();
      X.push([missing ? Number.NaN : x, r()]);
      // Missing behaves like a high value.
      y.push(r() < (missing || x > 0.7 ? 0.9 : 0.1) ? 1 : 0);
    }
    const model = fitGbdt(X, y, { maxIter: 30 });
    expect(predictGbdt(model, [Number.NaN, 0.5])).toBeGreaterThan(0.75);
    expect(predictGbdt(model, [0.2, 0.5])).toBeLessThan(0.25);
    expect(predictGbdt(model, [0.9, 0.5])).toBeGreaterThan(0.75);
  });

  it('separates missing from all present values and keeps that split through serialisation', () => {
    const r = rng(17);
    const X = Array.from({ length: 1000 }, () => [r() < 0.3 ? Number.NaN : Math.floor(r() * 10)]);
    const y = X.map((row) => (r() < (Number.isNaN(row[0]) ? 0.9 : 0.1) ? 1 : 0));
    const model = fitGbdt(X, y, { maxIter: 1, maxLeafNodes: 2, learningRate: 1 });
    // Every present value goes left: the threshold is above the largest bin.
    expect(model.nodes.threshold[0]).toBe(Number.MAX_VALUE);
    const back = deserialiseGbdt(serialiseGbdt(model));
    for (const m of [model, back]) {
      expect(predictGbdt(m, [Number.NaN])).toBeGreaterThan(0.8);
      for (const x of [-1e300, 0, 9, 50, 1e300]) expect(predictGbdt(m, [x])).toBeLessThan(0.2);
    }
  });

  it("turns early stopping on automatically above 10,000 rows ('auto', as scikit-learn)", () => {
    const r = rng(18);
    const X = Array.from({ length: 10_001 }, () => [r(), r()]);
    const y = X.map((row) => (r() < 0.2 + 0.1 * row[0] ? 1 : 0));
    const big = fitGbdt(X, y, { maxIter: 60 });
    expect(big.validationLoss.length).toBe(big.roots.length);
    expect(big.roots.length).toBeLessThan(60);
    // Binning and trees only saw the 90 % training part.
    expect(big.nodes.cover[0]).toBe(10_001 - 1000);
    const small = fitGbdt(X.slice(0, 10_000), y.slice(0, 10_000), { maxIter: 3 });
    expect(small.validationLoss).toEqual([]);
    expect(small.nodes.cover[0]).toBe(10_000);
  });

  it('splits natively on a set of categories', () => {
    const r = rng(13);
    const risky = new Set([1, 4, 7, 8]);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const c = Math.floor(r() * 10);
      X.push([c, r()]);
      y.push(r() < (risky.has(c) ? 0.8 : 0.15) ? 1 : 0);
    }
    const model = fitGbdt(X, y, { maxIter: 1, maxLeafNodes: 2, learningRate: 1, categorical: [true, false] });
    expect(model.categorical).toEqual([true, false]);
    // One split on the category separates the risky set exactly.
    expect(model.nodes.feature[0]).toBe(0);
    for (let c = 0; c < 10; c++) {
      const p = predictGbdt(model, [c, 0.5]);
      if (risky.has(c)) expect(p).toBeGreaterThan(0.6);
      else expect(p).toBeLessThan(0.3);
    }
    // Codes never seen in training and missing codes follow the same (missing) direction.
    expect(predictGbdt(model, [42, 0.5])).toBe(predictGbdt(model, [Number.NaN, 0.5]));
    expect(predictGbdt(model, [-1, 0.5])).toBe(predictGbdt(model, [Number.NaN, 0.5]));
  });

  it('treats a categorical column with more categories than maxBins as ordinal', () => {
    const r = rng(14);
    const X = Array.from({ length: 400 }, () => [Math.floor(r() * 50), r()]);
    const y = X.map((row) => (row[0] > 25 ? 1 : 0));
    const model = fitGbdt(X, y, { maxIter: 5, maxBins: 16, categorical: [true, false] });
    expect(model.categorical).toEqual([false, false]);
    expect(predictGbdt(model, [40, 0.5])).toBeGreaterThan(predictGbdt(model, [10, 0.5]));
  });

  it('batch prediction equals row-by-row prediction', () => {
    const { X, y } = xorData(800, 15);
    const model = fitGbdt(X, y, { maxIter: 20 });
    const batch = predictGbdtBatch(model, X.slice(0, 100));
    for (let i = 0; i < 100; i++) expect(batch[i]).toBe(predictGbdt(model, X[i]));
    expect(predictGbdt(model, X[0])).toBeCloseTo(1 / (1 + Math.exp(-predictGbdtMargin(model, X[0]))), 14);
  });

  it('rejects bad input with clear errors', () => {
    const { X, y } = xorData(100, 16);
    expect(() => fitGbdt([], [])).toThrow(/non-empty/);
    expect(() => fitGbdt(X, y.slice(1))).toThrow(/99 labels/);
    expect(() => fitGbdt(X, y.map(() => 1))).toThrow(/single class/);
    expect(() => fitGbdt(X, y.map((v) => v * 2))).toThrow(/0 or 1/);
    expect(() => fitGbdt([[1, 2], [3]], [0, 1])).toThrow(/row 1 has 1 values/);
    expect(() => fitGbdt([[Infinity], [1]], [0, 1])).toThrow(/finite/);
    expect(() => fitGbdt(X, y, { maxBins: 300 })).toThrow(/maxBins/);
    expect(() => fitGbdt(X, y, { categorical: [true] })).toThrow(/4 columns/);
    expect(() => fitGbdt(X, y, { categorical: [true, false, false, false] })).toThrow(/integer codes/);
    const model = fitGbdt(X, y, { maxIter: 2 });
    expect(() => predictGbdt(model, [1, 2])).toThrow(/expects 4/);
  });
});

describe('serialiseGbdt / deserialiseGbdt', () => {
  const r = rng(21);
  const X = Array.from({ length: 600 }, () => [r(), Math.floor(r() * 3), r() < 0.1 ? Number.NaN : r()]);
  const y = X.map((row) => (row[0] + (row[1] === 1 ? 0.5 : 0) + (Number.isNaN(row[2]) ? 0.3 : row[2]) + (r() - 0.5) > 1 ? 1 : 0));
  const model = fitGbdt(X, y, { maxIter: 20, categorical: [false, true, false] });
  const json = serialiseGbdt(model);

  it('round-trips to identical predictions', () => {
    const back = deserialiseGbdt(json);
    for (const row of X.slice(0, 50)) expect(predictGbdt(back, row)).toBe(predictGbdt(model, row));
    expect(serialiseGbdt(back)).toBe(json);
  });

  const corrupt = (edit: (m: Record<string, any>) => void): string => {
    const m = JSON.parse(json);
    edit(m);
    return JSON.stringify(m);
  };

  it.each<[string, string, RegExp]>([
    ['truncated text', json.slice(0, json.length / 2), /not valid JSON/],
    ['another format', corrupt((m) => (m.format = 'xgboost')), /format/],
    ['a newer version', corrupt((m) => (m.version = 2)), /version 2 is not supported/],
    ['a non-finite leaf value', json.replace(/"value":\[[^,]+/, '"value":[null'), /finite number/],
    ['mismatched array lengths', corrupt((m) => m.nodes.cover.pop()), /nodes.cover has/],
    ['a child pointing backwards', corrupt((m) => (m.nodes.left[m.nodes.feature.findIndex((f: number) => f >= 0)] = 0)), /child/],
    ['a feature out of range', corrupt((m) => (m.nodes.feature[0] = 7)), /feature 7/],
    ['a bad category bitset offset', corrupt((m) => (m.nodes.catOffset[m.nodes.catOffset.findIndex((o: number) => o >= 0)] = 1e6)), /bitset offset/],
    ['a shared child', corrupt((m) => (m.nodes.right[0] = m.nodes.left[0])), /reached 2 times/],
    ['wrong feature count', corrupt((m) => (m.nFeatures = 5)), /categorical must be 5/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => deserialiseGbdt(text)).toThrow(GbdtModelError);
    expect(() => deserialiseGbdt(text)).toThrow(message);
  });

  it('refuses a mutated model on serialisation too', () => {
    const bad = JSON.parse(json) as GbdtModel;
    bad.baseline = Number.NaN;
    expect(() => serialiseGbdt(bad)).toThrow(/baseline/);
  });
});
