import {
  assignSegment,
  deserialiseSegmentation,
  fitSegmentation,
  kmeansFit,
  nameSegments,
  selectK,
  serialiseSegmentation,
  silhouetteScore,
  SEGMENT_FEATURES,
  type Matrix,
  type SegmentationModel,
  type SegmentProfile,
} from '../../models/segmentation';
import { seededRandom } from '../../models/segmentation/random';

/** Gaussian blobs around the given centres (Box–Muller on a seeded stream); also returns the true blob of each row. */
function blobs(centres: number[][], perBlob: number, spread: number, seed: number): { x: Matrix; truth: Int32Array } {
  const random = seededRandom(seed);
  const dim = (centres[0] as number[]).length;
  const rows = centres.length * perBlob;
  const data = new Float64Array(rows * dim);
  const truth = new Int32Array(rows);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  for (let i = 0; i < rows; i++) {
    const b = i % centres.length;
    truth[i] = b;
    for (let j = 0; j < dim; j++) data[i * dim + j] = (centres[b] as number[])[j] as number + spread * normal();
  }
  return { x: { data, rows, dim }, truth };
}

/** Every true blob maps to exactly one label and no label is shared by two blobs. */
function isPerfectMatch(truth: Int32Array, labels: Int32Array): boolean {
  const map = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    const l = labels[i] as number;
    if (!map.has(t)) map.set(t, l);
    if (map.get(t) !== l) return false;
  }
  return new Set(map.values()).size === map.size;
}

const CENTRES_2D = [
  [0, 0],
  [10, 0],
  [0, 10],
  [10, 10],
  [20, 5],
];

/** Raw 12-feature customers in 5 well-separated groups; all values positive so log features stay meaningful. */
function customerBlobs(rowsPerGroup: number, seed: number): { x: Matrix; truth: Int32Array } {
  const groups = 5;
  const dim = SEGMENT_FEATURES.length;
  const centres = Array.from({ length: groups }, (_, g) =>
    SEGMENT_FEATURES.map((f, j) => (f.transform === 'log' ? 1000 * 4 ** ((g + j) % groups) : 10 + 8 * ((g * (j + 2)) % groups))),
  );
  const random = seededRandom(seed);
  const rows = groups * rowsPerGroup;
  const data = new Float64Array(rows * dim);
  const truth = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const g = i % groups;
    truth[i] = g;
    SEGMENT_FEATURES.forEach((f, j) => {
      const c = (centres[g] as number[])[j] as number;
      data[i * dim + j] = f.transform === 'log' ? c * (1 + 0.1 * (random.next() - 0.5)) : c + (random.next() - 0.5);
    });
  }
  return { x: { data, rows, dim }, truth };
}

describe('k-means (typed arrays, k-means++)', () => {
  it('recovers well-separated blobs and their centres', () => {
    const { x, truth } = blobs(CENTRES_2D, 200, 0.8, 1);
    const fit = kmeansFit(x, 5, { seed: 3 });
    expect(isPerfectMatch(truth, fit.labels)).toBe(true);
    for (let c = 0; c < 5; c++) {
      const centroid = [fit.centroids[c * 2] as number, fit.centroids[c * 2 + 1] as number];
      const nearest = Math.min(...CENTRES_2D.map((t) => Math.hypot((t[0] as number) - (centroid[0] as number), (t[1] as number) - (centroid[1] as number))));
      expect(nearest).toBeLessThan(0.2);
    }
  });

  it('is deterministic for a seed and differs across seeds on ambiguous data', () => {
    const { x } = blobs([[0, 0]], 2000, 1, 2);
    const a = kmeansFit(x, 6, { seed: 7, tolerance: 0 });
    const b = kmeansFit(x, 6, { seed: 7, tolerance: 0 });
    const c = kmeansFit(x, 6, { seed: 8, tolerance: 0 });
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centroids)).not.toEqual(Array.from(c.centroids));
  });

  it('never lowers the objective below a fixed-centre assignment and returns k non-empty clusters', () => {
    const { x } = blobs(CENTRES_2D, 50, 3, 4);
    const fit = kmeansFit(x, 8, { seed: 1, nInit: 3 });
    const sizes = new Array(8).fill(0);
    for (const l of fit.labels) sizes[l]++;
    expect(sizes.every((s) => s > 0)).toBe(true);
    let inertia = 0;
    for (let i = 0; i < x.rows; i++) {
      const l = fit.labels[i] as number;
      inertia += ((x.data[i * 2] as number) - (fit.centroids[l * 2] as number)) ** 2 + ((x.data[i * 2 + 1] as number) - (fit.centroids[l * 2 + 1] as number)) ** 2;
    }
    expect(fit.inertia).toBeCloseTo(inertia, 6);
  });

  it('ends at a Lloyd fixed point: every row at its nearest centroid, every centroid the mean of its rows', () => {
    const { x } = blobs(CENTRES_2D.map(([a, b]) => [(a as number) / 4, (b as number) / 4, 0]), 400, 1, 8);
    const k = 7;
    const fit = kmeansFit(x, k, { seed: 2, maxIterations: 500, tolerance: 0 });
    expect(fit.iterations).toBeLessThan(500);
    const sums = new Float64Array(k * 3);
    const counts = new Float64Array(k);
    for (let i = 0; i < x.rows; i++) {
      const d = Array.from({ length: k }, (_, c) => {
        let s = 0;
        for (let j = 0; j < 3; j++) s += ((x.data[i * 3 + j] as number) - (fit.centroids[c * 3 + j] as number)) ** 2;
        return s;
      });
      expect(d[fit.labels[i] as number]).toBeCloseTo(Math.min(...d), 9);
      counts[fit.labels[i] as number]! += 1;
      for (let j = 0; j < 3; j++) sums[(fit.labels[i] as number) * 3 + j]! += x.data[i * 3 + j] as number;
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < 3; j++) expect(fit.centroids[c * 3 + j]).toBeCloseTo((sums[c * 3 + j] as number) / (counts[c] as number), 3);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => kmeansFit({ data: new Float64Array([1, 2]), rows: 2, dim: 1 }, 3, { seed: 1 })).toThrow(/at least k = 3 rows/);
    expect(() => kmeansFit({ data: new Float64Array([1, NaN]), rows: 2, dim: 1 }, 1, { seed: 1 })).toThrow(/not finite/);
  });
});

describe('silhouette and the choice of k', () => {
  it('scores a true labelling near 1 and a shuffled one near 0', () => {
    const { x, truth } = blobs(CENTRES_2D, 60, 0.5, 5);
    expect(silhouetteScore(x, truth, 5)).toBeGreaterThan(0.85);
    const random = seededRandom(12);
    const shuffled = Int32Array.from(truth, () => random.int(5));
    expect(Math.abs(silhouetteScore(x, shuffled, 5))).toBeLessThan(0.1);
  });

  it('picks the true k on blobs', () => {
    const { x } = blobs(CENTRES_2D, 150, 0.8, 6);
    const { best, selection } = selectK(x, x, [2, 9], { seed: 11 });
    expect(best.k).toBe(5);
    expect(selection.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('fitSegmentation', () => {
  const { x, truth } = customerBlobs(300, 9);
  const model = fitSegmentation(x, { kRange: [3, 8], seed: 5, asOf: '2026-11-01', trainedAt: '2026-11-01T00:00:00Z' });

  it('chooses the true number of customer groups and recovers them', () => {
    expect(model.k).toBe(5);
    const labels = Int32Array.from({ length: x.rows }, (_, i) => assignSegment(model, x.data.subarray(i * x.dim, (i + 1) * x.dim)).segmentId);
    expect(isPerfectMatch(truth, labels)).toBe(true);
    expect(model.segments.reduce((a, s) => a + s.profile.size, 0)).toBe(x.rows);
  });

  it('is deterministic for a seed', () => {
    const again = fitSegmentation(x, { kRange: [3, 8], seed: 5, asOf: '2026-11-01', trainedAt: '2026-11-01T00:00:00Z' });
    expect(serialiseSegmentation(again)).toBe(serialiseSegmentation(model));
  });

  it('gives every segment a unique bilingual name and a description', () => {
    expect(new Set(model.segments.map((s) => s.nameEn)).size).toBe(model.k);
    expect(new Set(model.segments.map((s) => s.nameZh)).size).toBe(model.k);
    for (const s of model.segments) {
      expect(s.descriptionEn).toMatch(/% of customers/);
      expect(s.descriptionZh).toMatch(/占客户/);
      expect(s.nameZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('assigns a row to the nearest centroid in standardised space', () => {
    const random = seededRandom(99);
    for (let t = 0; t < 200; t++) {
      const row = SEGMENT_FEATURES.map((f) => (f.transform === 'log' ? 500 + random.next() * 300_000 : random.next() * 50));
      const { mean, scale, clip, transforms } = model.standardiser;
      const z = row.map((v, j) => {
        const u = transforms[j] === 'log' ? Math.log1p(v) : v;
        return Math.max(-clip, Math.min(clip, (u - (mean[j] as number)) / (scale[j] as number)));
      });
      const distances = model.centroids.map((c) => Math.sqrt(c.reduce((a, cj, j) => a + (cj - (z[j] as number)) ** 2, 0)));
      const expected = distances.indexOf(Math.min(...distances));
      const got = assignSegment(model, row);
      expect(got.segmentId).toBe(expected);
      expect(got.distance).toBeCloseTo(distances[expected] as number, 9);
    }
  });

  it('checks rows given to assignSegment', () => {
    expect(() => assignSegment(model, [1, 2, 3])).toThrow(/expects 12/);
    expect(() => assignSegment(model, SEGMENT_FEATURES.map(() => NaN))).toThrow(/not a finite number/);
  });

  it('round-trips through JSON and rejects corrupt models clearly', () => {
    const text = serialiseSegmentation(model);
    const back = deserialiseSegmentation(text);
    expect(back).toEqual(JSON.parse(JSON.stringify(model)));
    const row = SEGMENT_FEATURES.map(() => 1234);
    expect(assignSegment(back, row)).toEqual(assignSegment(model, row));

    expect(() => deserialiseSegmentation(text.slice(0, 100))).toThrow(/not valid JSON/);
    expect(() => deserialiseSegmentation('{"format":"other"}')).toThrow(/corrupt or not a segmentation model/);
    const parsed = JSON.parse(text) as { model: SegmentationModel };
    parsed.model.centroids.pop();
    expect(() => deserialiseSegmentation(JSON.stringify(parsed))).toThrow(/needs 5 centroids/);
    const badScale = JSON.parse(text) as { model: { standardiser: { scale: number[] } } };
    badScale.model.standardiser.scale[0] = -1;
    expect(() => deserialiseSegmentation(JSON.stringify(badScale))).toThrow(/must be positive/);
  });
});

describe('segment names', () => {
  it('stay unique when there are more segments than archetypes', () => {
    const random = seededRandom(3);
    const k = 14;
    const centroids = Array.from({ length: k }, () => SEGMENT_FEATURES.map(() => random.next() * 4 - 2));
    const profile = (i: number): SegmentProfile => {
      const means = Object.fromEntries(SEGMENT_FEATURES.map((f) => [f.key, 1 + i])) as SegmentProfile['means'];
      return {
        size: 10 + i, share: (10 + i) / 300, meanAge: 40, meanAssets: 1000, meanIncome: 1000, meanProducts: 2,
        digitalShare: 0.5, crossBorderShare: 0.1, meanTransactionsPerMonth: 3, meanDaysSinceLastTransaction: 9, means,
      };
    };
    const names = nameSegments(centroids, Array.from({ length: k }, (_, i) => profile(i)));
    expect(new Set(names.map((n) => n.nameEn)).size).toBe(k);
    expect(new Set(names.map((n) => n.nameZh)).size).toBe(k);
  });

  it('name an obviously wealthy centroid "Affluent savers" and a lapsed one "Dormant / at-risk"', () => {
    const z = (over: Record<string, number>) => SEGMENT_FEATURES.map((f) => over[f.key] ?? 0);
    const centroids = [
      z({ total_assets: 3, annual_income: 2 }),
      z({ days_since_last_transaction: 3, transactions_per_month: -2, activity_trend: -2 }),
      z({ cross_border_share: 3 }),
      z({ age: -2, digital_share: 2 }),
    ];
    const profiles = centroids.map((_, i) => ({
      size: 100, share: 0.25, meanAge: 40, meanAssets: 1000 * (i + 1), meanIncome: 1000, meanProducts: 2, digitalShare: 0.5,
      crossBorderShare: 0.1, meanTransactionsPerMonth: 3, meanDaysSinceLastTransaction: 9,
      means: Object.fromEntries(SEGMENT_FEATURES.map((f) => [f.key, 1])) as SegmentProfile['means'],
    }));
    const names = nameSegments(centroids, profiles).map((n) => [n.nameEn, n.nameZh]);
    expect(names).toEqual([
      ['Affluent savers', '高净值储蓄型'],
      ['Dormant / at-risk', '沉睡/流失风险型'],
      ['Cross-border travellers', '跨境出行型'],
      ['Young digital spenders', '年轻数字化消费型'],
    ]);
  });
});
