import { fitAnomalyModel, fitIsolationForest, isolationScore, averagePathLength, scoreCustomer, type IsolationForest, type TransactionRow } from '../../models/anomaly';
import { forestFromJson, forestToJson } from '../../models/anomaly/isolation-forest';
import { seededRandom } from '../../models/segmentation/random';

const WINDOW_START = '2026-05-01T00:00:00Z';

function gaussianRows(rows: number, dim: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  return Float64Array.from({ length: rows * dim }, normal);
}

/** An ordinary customer: groceries and dining in China in the day time, a monthly salary. */
function ordinaryHistory(customer: string, seed: number, firstId: number): TransactionRow[] {
  const random = seededRandom(seed);
  const out: TransactionRow[] = [];
  const start = Date.parse('2025-11-01T00:00:00Z');
  for (let day = 0; day < 360; day += 1 + random.int(6)) {
    const hour = 9 + random.int(12);
    const ts = new Date(start + day * 86_400_000 + hour * 3_600_000 + random.int(3600) * 1000).toISOString().replace('.000Z', 'Z');
    const category = random.next() < 0.5 ? 'groceries' : 'dining';
    out.push(tx(customer, firstId + out.length, ts, Math.round(80 + 120 * random.next()), category, category === 'groceries' ? 'Hema 盒马鲜生' : 'Haidilao 海底捞'));
  }
  for (let m = 0; m < 12; m++) {
    const ts = new Date(start + (m * 30 + 9) * 86_400_000 + 9 * 3_600_000).toISOString().replace('.000Z', 'Z');
    out.push({ ...tx(customer, firstId + out.length, ts, 12_000, 'salary', 'Tencent 腾讯'), direction: 'credit' });
  }
  return out.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.id - b.id));
}

function tx(customer: string, id: number, ts: string, amount: number, category: string, merchant: string, country = 'CN'): TransactionRow {
  return {
    id, customer_id: customer, ts, amount, direction: 'debit', channel: 'mobile', category, merchant, country,
    is_cross_border: country === 'CN' ? 0 : 1, injected_anomaly: 0,
  };
}

const POPULATION = {
  customers: 1000,
  countryShare: { CN: 1, JP: 0.08, NG: 0.0005 },
  merchantShare: { 'Hema 盒马鲜生': 0.4, 'Haidilao 海底捞': 0.4, 'Tencent 腾讯': 0.1, 'Lagos Electronics': 0.0005, 'Crypto OTC': 0.001 },
};

describe('isolation forest', () => {
  it('has the textbook normaliser c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 3);
  });

  it('scores planted outliers above the bulk and is deterministic for a seed', () => {
    const dim = 4;
    const data = gaussianRows(2000, dim, 1);
    for (let i = 0; i < 10; i++) data.set([8, -8, 8, -8], i * dim);
    const forest = fitIsolationForest(data, 2000, dim, { seed: 5 });
    const scores = Array.from({ length: 2000 }, (_, i) => isolationScore(forest, data, i * dim));
    const outliers = scores.slice(0, 10);
    const inliers = scores.slice(10).sort((a, b) => a - b);
    expect(Math.min(...outliers)).toBeGreaterThan(inliers[Math.floor(inliers.length * 0.99)] as number);
    expect(Math.min(...outliers)).toBeGreaterThan(0.65);
    expect(inliers[Math.floor(inliers.length / 2)]).toBeLessThan(0.5);
    const again = fitIsolationForest(data, 2000, dim, { seed: 5 });
    expect(isolationScore(again, data, 3 * dim)).toBe(scores[3]);
    expect(forest.trees).toBe(100);
    expect(forest.subsample).toBe(256);
  });

  it('scores each row as the mean path length over the trees, node by node', () => {
    // Reference: walk each tree counting edges, then add c(size) of the leaf reached.
    const reference = (forest: IsolationForest, row: Float64Array, offset: number) => {
      let total = 0;
      for (const tree of forest.nodes) {
        let node = 0;
        let depth = 0;
        while ((tree.feature[node] as number) >= 0) {
          const f = tree.feature[node] as number;
          node = (row[offset + f] as number) < (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
          depth++;
        }
        total += depth + averagePathLength(tree.size[node] as number);
      }
      return 2 ** (-(total / forest.nodes.length) / averagePathLength(forest.subsample));
    };
    const dim = 5;
    const data = gaussianRows(3000, dim, 4);
    for (let i = 0; i < 20; i++) data[i * dim + (i % dim)] = 12;
    const forest = fitIsolationForest(data, 3000, dim, { seed: 9, trees: 60, subsample: 200 });
    for (let i = 0; i < 3000; i += 7) expect(Object.is(isolationScore(forest, data, i * dim), reference(forest, data, i * dim))).toBe(true);
  });

  it('round-trips through JSON and rejects a corrupt forest', () => {
    const data = gaussianRows(300, 3, 2);
    const forest = fitIsolationForest(data, 300, 3, { seed: 1, trees: 10 });
    const back = forestFromJson(JSON.parse(JSON.stringify(forestToJson(forest))));
    for (let i = 0; i < 20; i++) expect(isolationScore(back, data, i * 3)).toBe(isolationScore(forest, data, i * 3));
    const bad = JSON.parse(JSON.stringify(forestToJson(forest))) as { nodes: { left: number[] }[] };
    (bad.nodes[0] as { left: number[] }).left[0] = 0;
    expect(() => forestFromJson(bad)).toThrow(/corrupt: tree 0 node 0 has an invalid child/);
    expect(() => fitIsolationForest(new Float64Array([1, NaN]), 2, 1, { seed: 1 })).toThrow(/not finite/);
  });
});

describe('transaction scoring against the customer\'s own history', () => {
  const customers = Array.from({ length: 60 }, (_, c) => ordinaryHistory(`C${String(c).padStart(6, '0')}`, c + 1, c * 1000));
  const model = fitAnomalyModel(customers, POPULATION, WINDOW_START, { seed: 3, expectedRate: 0.01 });

  it('flags a huge amount, a first transaction in a rare country and a 3 am burst, with reasons in both languages', () => {
    const base = ordinaryHistory('C999999', 77, 900_000);
    const odd: TransactionRow[] = [
      tx('C999999', 990_001, '2026-10-20T14:00:00Z', 250_000, 'shopping', 'Hema 盒马鲜生'),
      tx('C999999', 990_002, '2026-10-22T15:00:00Z', 3_000, 'shopping', 'Lagos Electronics', 'NG'),
      tx('C999999', 990_003, '2026-10-25T03:01:00Z', 1_500, 'online_shopping', 'Crypto OTC'),
      tx('C999999', 990_004, '2026-10-25T03:05:00Z', 1_400, 'online_shopping', 'Crypto OTC'),
      tx('C999999', 990_005, '2026-10-25T03:09:00Z', 1_600, 'online_shopping', 'Crypto OTC'),
    ];
    const history = [...base, ...odd].sort((a, b) => (a.ts < b.ts ? -1 : 1));
    const results = new Map(scoreCustomer(model, history, WINDOW_START).map((r) => [r.tx.id, r.result]));
    const big = results.get(990_001)!;
    expect(big.flagged).toBe(true);
    const amount = big.reasons.find((r) => r.code === 'AMOUNT_UNUSUAL')!;
    expect(amount.en).toMatch(/^Amount ¥250,000 is \d+× this customer's usual payment/);
    expect(amount.zh).toMatch(/^金额¥250,000为该客户常规支出金额（¥\d+）的\d+倍$/);
    const abroad = results.get(990_002)!;
    expect(abroad.flagged).toBe(true);
    const country = abroad.reasons.find((r) => r.code === 'NEW_COUNTRY')!;
    expect(country.en).toMatch(/^First transaction ever in Nigeria/);
    expect(country.zh).toMatch(/^首次在尼日利亚交易/);
    const third = results.get(990_005)!;
    expect(third.flagged).toBe(true);
    expect(third.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['BURST', 'UNUSUAL_HOUR']));
    for (const r of [big, abroad, third]) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
      for (let i = 1; i < r.reasons.length; i++) expect(r.reasons[i - 1]!.weight).toBeGreaterThanOrEqual(r.reasons[i]!.weight);
    }
  });

  it('leaves an ordinary customer\'s ordinary transactions unflagged', () => {
    const flagged = scoreCustomer(model, ordinaryHistory('C888888', 1234, 800_000), WINDOW_START).filter((r) => r.result.flagged);
    expect(flagged.length).toBeLessThanOrEqual(2);
  });

  it('never looks into the future: a transaction scores the same whatever comes after it', () => {
    const history = ordinaryHistory('C777777', 55, 700_000);
    const full = scoreCustomer(model, history, WINDOW_START);
    const cut = Math.floor(history.length * 0.7);
    const prefix = scoreCustomer(model, history.slice(0, cut), WINDOW_START);
    expect(prefix.length).toBeGreaterThan(5);
    prefix.forEach((p, i) => expect(p.result).toEqual(full[i]!.result));
  });

  it('only scores transactions inside the window, and flags about the expected share of the calibration sample', () => {
    const scored = customers.flatMap((h) => scoreCustomer(model, h, WINDOW_START));
    expect(scored.every((s) => s.tx.ts >= WINDOW_START)).toBe(true);
    const share = scored.filter((s) => s.result.flagged).length / scored.length;
    expect(share).toBeGreaterThan(0.003);
    expect(share).toBeLessThan(0.03);
  });

  it('checks its options', () => {
    expect(() => fitAnomalyModel(customers, POPULATION, WINDOW_START, { expectedRate: 0.9 })).toThrow(/expectedRate/);
  });
});
