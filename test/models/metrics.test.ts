import { brier, foldMetrics, ks, logLoss, mean, median, prAuc, rocAuc, std } from '../../models/metrics';

/** Deterministic pseudo-random numbers for property checks. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

describe('rocAuc', () => {
  it('matches the hand-computed value of the scikit-learn documentation example', () => {
    // positive scores {0.35, 0.8} vs negative {0.1, 0.4}: 3 of 4 pairs ordered correctly
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it('counts a tied positive/negative pair as one half', () => {
    // pairs: 0.9>0.5, 0.9>0.2, 0.5=0.5 (½), 0.5>0.2 → 3.5 / 4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });

  it('agrees with direct pair counting on random data with many ties', () => {
    const r = lcg(7);
    const y: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < 300; i++) {
      y.push(r() < 0.3 ? 1 : 0);
      s.push(Math.round(r() * 20) / 20); // 21 distinct values → plenty of ties
    }
    let num = 0;
    let den = 0;
    for (let i = 0; i < y.length; i++) {
      for (let j = 0; j < y.length; j++) {
        if (y[i] === 1 && y[j] === 0) {
          den++;
          num += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
    }
    expect(rocAuc(y, s)).toBeCloseTo(num / den, 12);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.9])).toBe(1);
    expect(rocAuc([1, 0, 0], [0.1, 0.2, 0.9])).toBe(0);
  });
});

describe('prAuc (average precision)', () => {
  it('matches scikit-learn average_precision_score on its documentation example', () => {
    // thresholds 0.8 (R ½, P 1), 0.4 (R ½), 0.35 (R 1, P ⅔): ½·1 + ½·⅔ = 0.8333…
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333333333333, 12);
  });

  it('admits tied scores together at one threshold', () => {
    // 0.9: R ½, P 1 → ½ ; 0.5 (two rows): R 1, P ⅔ → ⅓
    expect(prAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('equals the positive rate when every score is the same', () => {
    expect(prAuc([0, 1, 0, 0], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.25, 12);
  });
});

describe('ks', () => {
  it('is the largest gap between true- and false-positive rates', () => {
    // thresholds 0.8: TPR ½ FPR 0 → ½ ; 0.4: ½,½ → 0 ; 0.35: 1,½ → ½ ; 0.1: 1,1 → 0
    expect(ks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.5, 12);
    expect(ks([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
  });
});

describe('brier and logLoss', () => {
  it('computes the mean squared error of probabilities', () => {
    expect(brier([0, 1], [0.2, 0.6])).toBeCloseTo((0.04 + 0.16) / 2, 12);
  });

  it('computes the mean negative log-likelihood', () => {
    // −(ln 0.8 + ln 0.7) / 2 = (0.2231435513 + 0.3566749439) / 2
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(0.2899092476, 9);
  });

  it('clips certain but wrong probabilities instead of returning Infinity', () => {
    // −ln(1e−15) = 34.5387763949
    expect(logLoss([0], [1])).toBeCloseTo(34.5387763949, 6);
    expect(logLoss([1], [0])).toBeCloseTo(34.5387763949, 6);
  });
});

describe('summary helpers', () => {
  it('computes mean, population and sample standard deviation, and median', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(v)).toBe(5);
    expect(std(v)).toBeCloseTo(2, 12);
    expect(std(v, 1)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(median(v)).toBe(4.5);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('input checks', () => {
  it('refuses mismatched lengths, one-class labels, non-binary labels and non-finite scores', () => {
    expect(() => rocAuc([0, 1], [0.5])).toThrow(/differ in length/);
    expect(() => rocAuc([1, 1], [0.2, 0.5])).toThrow(/both classes/);
    expect(() => prAuc([0, 2], [0.2, 0.5])).toThrow(/expected 0 or 1/);
    expect(() => brier([0, 1], [0.2, NaN])).toThrow(/finite/);
    expect(() => mean([])).toThrow(/no values/);
  });

  it('bundles all five metrics for a fold', () => {
    const m = foldMetrics([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(m.rocAuc).toBeCloseTo(0.75, 12);
    expect(m.ks).toBeCloseTo(0.5, 12);
    expect(Object.keys(m).sort()).toEqual(['brier', 'ks', 'logLoss', 'prAuc', 'rocAuc']);
  });
});
