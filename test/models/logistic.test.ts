import { fitLogistic, predictProba, predictProbaMatrix, sigmoid, toDenseMatrix } from '../../models/logistic';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** Gradient of 0.5‖w‖² + C Σ logloss, intercept unpenalised (the objective the solver claims to minimise). */
function gradient(X: number[][], y: number[], C: number, b: number, w: number[]): number[] {
  const g = [0, ...w];
  X.forEach((row, i) => {
    const p = sigmoid(b + row.reduce((s, x, j) => s + x * w[j], 0));
    g[0] += C * (p - y[i]);
    row.forEach((x, j) => (g[j + 1] += C * (p - y[i]) * x));
  });
  return g;
}

/** Reference solution by plain gradient descent — a different method from the Newton solver. */
function gradientDescent(X: number[][], y: number[], C: number, iterations: number): { b: number; w: number[] } {
  let b = 0;
  let w = X[0].map(() => 0);
  // step 1/L with L ≥ 1 + C·n·max‖x‖²/4 guarantees monotone convergence
  const maxNorm = Math.max(...X.map((r) => 1 + r.reduce((s, x) => s + x * x, 0)));
  const step = 1 / (1 + (C * X.length * maxNorm) / 4);
  for (let t = 0; t < iterations; t++) {
    const g = gradient(X, y, C, b, w);
    b -= step * g[0];
    w = w.map((v, j) => v - step * g[j + 1]);
  }
  return { b, w };
}

function syntheticData(n: number, seed: number): { X: number[][]; y: number[] } {
  const r = lcg(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [r() * 2 - 1, r() * 2 - 1, r() < 0.3 ? 1 : 0];
    X.push(row);
    const z = -0.5 + 2 * row[0] - 1 * row[1] + 0.8 * row[2];
    y.push(r() < sigmoid(z) ? 1 : 0);
  }
  return { X, y };
}

describe('fitLogistic', () => {
  it('gives the exact intercept-only optimum when the only feature is constant zero', () => {
    // with w's feature always 0, the penalty drives w to 0 and the unpenalised intercept is logit(mean y)
    const X = [[0], [0], [0], [0], [0]];
    const y = [1, 0, 0, 1, 0];
    const m = fitLogistic(X, y);
    expect(m.converged).toBe(true);
    expect(m.coef[0]).toBeCloseTo(0, 12);
    expect(m.intercept).toBeCloseTo(Math.log(2 / 3), 12);
  });

  it('solves the symmetric two-point problem known in closed form', () => {
    // x = (−1, +1), y = (0, 1), C = 1: by symmetry b = 0 and w solves w = 2σ(−w).
    let lo = 0;
    let hi = 2;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (mid - 2 * sigmoid(-mid) > 0) hi = mid;
      else lo = mid;
    }
    const m = fitLogistic([[-1], [1]], [0, 1], { C: 1 });
    expect(m.intercept).toBeCloseTo(0, 12);
    expect(m.coef[0]).toBeCloseTo(lo, 9);
    expect(lo).toBeCloseTo(0.67483, 5); // the reference itself: 0.67483 = 2σ(−0.67483)
  });

  it('matches a gradient-descent reference solution and zeroes the gradient', () => {
    const { X, y } = syntheticData(120, 3);
    const C = 0.5;
    const m = fitLogistic(X, y, { C });
    const ref = gradientDescent(X, y, C, 20000);
    expect(m.intercept).toBeCloseTo(ref.b, 6);
    m.coef.forEach((c, j) => expect(c).toBeCloseTo(ref.w[j], 6));
    for (const g of gradient(X, y, C, m.intercept, m.coef)) expect(Math.abs(g)).toBeLessThan(1e-8);
  });

  it('shrinks coefficients more for smaller C', () => {
    const { X, y } = syntheticData(200, 5);
    const norm = (c: number[]) => Math.hypot(...c);
    const strong = fitLogistic(X, y, { C: 0.01 });
    const weak = fitLogistic(X, y, { C: 100 });
    expect(norm(strong.coef)).toBeLessThan(norm(weak.coef));
    for (const g of gradient(X, y, 100, weak.intercept, weak.coef)) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it('treats a sample weight of 2 like a duplicated row', () => {
    const { X, y } = syntheticData(60, 11);
    const weighted = fitLogistic(X, y, { sampleWeight: X.map((_, i) => (i < 10 ? 2 : 1)) });
    const duplicated = fitLogistic([...X, ...X.slice(0, 10)], [...y, ...y.slice(0, 10)]);
    expect(weighted.intercept).toBeCloseTo(duplicated.intercept, 9);
    weighted.coef.forEach((c, j) => expect(c).toBeCloseTo(duplicated.coef[j], 9));
  });

  it('stays finite on perfectly separable data thanks to the penalty', () => {
    const m = fitLogistic([[-2], [-1], [1], [2]], [0, 0, 1, 1], { C: 1 });
    expect(m.converged).toBe(true);
    expect(Number.isFinite(m.coef[0])).toBe(true);
    expect(m.coef[0]).toBeGreaterThan(0);
  });

  it('refuses missing features, non-binary labels and a bad C', () => {
    expect(() => fitLogistic([[NaN], [1]], [0, 1])).toThrow(/not finite/);
    expect(() => fitLogistic([[0], [1]], [0, 2])).toThrow(/expected 0 or 1/);
    expect(() => fitLogistic([[0], [1]], [0, 1], { C: 0 })).toThrow(/C must be/);
    expect(() => fitLogistic([[0], [1]], [0])).toThrow(/labels/);
  });
});

describe('prediction', () => {
  it('returns σ(b + x·w) for single rows and matrices alike', () => {
    const model = { intercept: -1, coef: [2, -0.5] };
    expect(predictProba(model, [1, 2])).toBeCloseTo(1 / (1 + Math.exp(-0)), 12);
    expect(predictProba(model, [0, 0])).toBeCloseTo(1 / (1 + Math.exp(1)), 12);
    const p = predictProbaMatrix(model, toDenseMatrix([[1, 2], [0, 0]]));
    expect(Array.from(p)).toEqual([predictProba(model, [1, 2]), predictProba(model, [0, 0])]);
    expect(() => predictProba(model, [1])).toThrow(/expects 2/);
  });
});
