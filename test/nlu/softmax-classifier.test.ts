import { fitSoftmax } from '../../bot/nlu/softmax-classifier';
import { featurize, maskEntities } from '../../bot/nlu/features';

describe('fitSoftmax', () => {
  const data = [
    { features: ['a', 'x'], label: 'left' as const },
    { features: ['a', 'y'], label: 'left' as const },
    { features: ['b', 'x'], label: 'right' as const },
    { features: ['b', 'y'], label: 'right' as const },
  ];

  test('learns a separable problem and returns probabilities', () => {
    const m = fitSoftmax(data, ['left', 'right']);
    const p = m.predictProba(['a']);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 10);
    expect(p[0]).toBeGreaterThan(0.8);
    expect(m.predictProba(['b'])[1]).toBeGreaterThan(0.8);
  });

  test('unknown features give the prior, not an error', () => {
    const p = fitSoftmax(data, ['left', 'right']).predictProba(['zzz']);
    expect(p[0]).toBeCloseTo(0.5, 1);
  });

  test('is deterministic for a seed', () => {
    const opts = { epochs: 5, learningRate: 1, decay: 0.1, l2: 1e-5, seed: 3 };
    expect(fitSoftmax(data, ['left', 'right'], opts).predictProba(['a', 'x'])).toEqual(
      fitSoftmax(data, ['left', 'right'], opts).predictProba(['a', 'x']),
    );
  });

  test('checks its input', () => {
    expect(() => fitSoftmax([], ['left'])).toThrow(/no training/);
    expect(() => fitSoftmax(data, ['left', 'left'])).toThrow(/duplicate/);
    expect(() => fitSoftmax(data, ['left'] as ('left' | 'right')[])).toThrow(/unknown label/);
  });
});

describe('features', () => {
  test('entity spans become tags so the model generalises over ids and cities', () => {
    const masked = maskEntities('客户123的信用分', [{ start: 2, end: 5, kind: 'customerId' }]);
    expect(masked).toBe('客户\ue001的信用分');
    const f = featurize(masked);
    expect(f).toContain('z2:户\ue001');
    expect(f).toContain('k:credit');
  });

  test('Latin words give unigrams, bigrams and character trigrams', () => {
    const f = featurize('chrun risk');
    expect(f).toEqual(expect.arrayContaining(['w:chrun', 'b:chrun_risk', 'c:<ch', 'k:churn']));
  });
});
