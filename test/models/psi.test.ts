import { profile, psi, psiBand, PSI_THRESHOLDS } from '../../models/psi';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function normal(n: number, mu: number, sigma: number, seed: number): Float64Array {
  const r = lcg(seed);
  return Float64Array.from({ length: n }, () => mu + sigma * Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r()));
}

describe('profile', () => {
  it('stores decile edges and the training share of each bin', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    const p = profile(values);
    expect(p.edges).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(p.proportions).toEqual(Array(10).fill(0.1));
    expect(p.missing).toBe(0);
    expect(p.count).toBe(100);
  });

  it('merges bins on repeated values and counts missing values separately', () => {
    // quartile positions of the 8 present values all hold 0, so one edge remains
    const p = profile([0, 0, 0, 0, 0, 0, 1, 2, NaN, NaN], 4);
    expect(p.edges).toEqual([0]);
    expect(p.proportions).toEqual([0.6, 0.2]);
    expect(p.missing).toBeCloseTo(0.2, 12);
  });

  it('refuses empty input and fewer than 2 bins', () => {
    expect(() => profile([])).toThrow(/no values/);
    expect(() => profile([1, 2], 1)).toThrow(/bins/);
  });
});

describe('psi', () => {
  const training = normal(5000, 0, 1, 1);
  const ref = profile(training);

  it('is exactly 0 for the identical distribution', () => {
    expect(psi(ref, training)).toBe(0);
  });

  it('stays stable for a fresh sample of the same distribution', () => {
    const value = psi(ref, normal(5000, 0, 1, 2));
    expect(value).toBeGreaterThan(0);
    expect(psiBand(value)).toBe('stable');
  });

  it('exceeds 0.25 (act) for a shifted distribution', () => {
    const value = psi(ref, normal(5000, 1, 1, 3));
    expect(value).toBeGreaterThan(0.25);
    expect(psiBand(value)).toBe('act');
  });

  it('matches the hand-computed value for a two-bin shift', () => {
    const p = profile([1, 1, 2, 2], 2); // edge 1: shares ½, ½
    // current shares ¼, ¾: (¼−½)·ln(½) + (¾−½)·ln(3/2) = 0.1732868 + 0.1013663
    expect(psi(p, [1, 2, 2, 2])).toBeCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), 12);
  });

  it('counts a surge of missing values as drift', () => {
    const withMissing = Float64Array.from(training);
    for (let i = 0; i < 1500; i++) withMissing[i] = NaN;
    expect(psi(ref, withMissing)).toBeGreaterThan(PSI_THRESHOLDS.act);
  });
});

describe('psiBand', () => {
  it('uses the industry thresholds 0.1 and 0.25', () => {
    expect(psiBand(0)).toBe('stable');
    expect(psiBand(0.0999)).toBe('stable');
    expect(psiBand(0.1)).toBe('moderate');
    expect(psiBand(0.2499)).toBe('moderate');
    expect(psiBand(0.25)).toBe('act');
    expect(() => psiBand(NaN)).toThrow(/PSI/);
  });
});
