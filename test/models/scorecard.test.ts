import { binIndex, fitCategoricalBinning, fitNumericBinning, UNSEEN_BIN } from '../../models/binning';
import { sigmoid } from '../../models/logistic';
import {
  calibratePlatt,
  deserializeScorecard,
  fitScorecard,
  formatReason,
  pdFromScore,
  predictScorecard,
  riskBand,
  scoreCustomer,
  serializeScorecard,
  type Scorecard,
} from '../../models/scorecard';
import type { Column } from '../../models/tabular';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/**
 * Synthetic credit file: risk rises with late payments and utilisation, falls with income,
 * depends on region; `noise` is unrelated to the outcome.
 */
function creditData(n: number, seed: number): { columns: Column[]; bad: Uint8Array; rows: Uint32Array } {
  const r = lcg(seed);
  const late = new Float64Array(n);
  const income = new Float64Array(n);
  const utilisation = new Float64Array(n);
  const noise = new Float64Array(n);
  const region: (string | null)[] = [];
  const bad = new Uint8Array(n);
  const regions = ['north', 'south', 'east', 'west'];
  for (let i = 0; i < n; i++) {
    late[i] = Math.floor(-Math.log(r() + 1e-12) * 1.2);
    income[i] = r() < 0.04 ? NaN : Math.round(2000 + 8000 * r());
    utilisation[i] = r();
    noise[i] = r();
    region.push(r() < 0.01 ? 'island' : r() < 0.02 ? null : regions[Math.floor(r() * 4)]);
    const inc = Number.isNaN(income[i]) ? 6000 : income[i];
    const z = -1.5 + 0.6 * late[i] - 0.0003 * (inc - 6000) + 1.5 * (utilisation[i] - 0.5) + (region[i] === 'south' ? 0.7 : 0);
    bad[i] = r() < sigmoid(z) ? 1 : 0;
  }
  const columns: Column[] = [
    { name: 'late_payments_12m', kind: 'numeric', values: late },
    { name: 'monthly_income', kind: 'numeric', values: income },
    { name: 'utilisation', kind: 'numeric', values: utilisation },
    { name: 'noise', kind: 'numeric', values: noise },
    { name: 'region', kind: 'categorical', values: region },
  ];
  return { columns, bad, rows: Uint32Array.from({ length: n }, (_, i) => i) };
}

const data = creditData(3000, 42);
const card = fitScorecard(data.columns, data.bad, data.rows);

function characteristic(c: Scorecard, name: string) {
  const ch = c.characteristics.find((x) => x.binning.name === name);
  if (!ch) throw new Error(`characteristic ${name} not in the card`);
  return ch;
}

describe('binning', () => {
  it('merges numeric bins until the bad rate is monotonic and every bin holds ≥ 5 % of rows', () => {
    const b = fitNumericBinning('late', data.columns[0].values as Float64Array, data.bad, data.rows);
    expect(b.trend).toBe(1);
    const regular = b.bins.slice(0, b.cuts.length + 1);
    expect(regular.length).toBeGreaterThan(1);
    for (const bin of regular) expect(bin.good + bin.bad).toBeGreaterThanOrEqual(0.05 * 3000);
    const rates = regular.map((x) => x.bad / (x.good + x.bad));
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]);
    for (let i = 1; i < regular.length; i++) expect(regular[i].woe).toBeLessThan(regular[i - 1].woe);
  });

  it('gives missing values their own bin when training had them, and unseen values the neutral bin', () => {
    const b = fitNumericBinning('income', data.columns[1].values as Float64Array, data.bad, data.rows);
    expect(b.missingBin).toBeGreaterThanOrEqual(0);
    expect(b.bins[b.missingBin].label).toBe('missing');
    expect(binIndex(b, NaN)).toBe(b.missingBin);
    const noMissing = fitNumericBinning('u', data.columns[2].values as Float64Array, data.bad, data.rows);
    expect(binIndex(noMissing, null)).toBe(UNSEEN_BIN);
  });

  it('keeps one bin per common category, pools rare ones, and leaves unseen categories neutral', () => {
    const b = fitCategoricalBinning('region', data.columns[4].values as (string | null)[], data.bad, data.rows);
    expect(b.bins.map((x) => x.label)).toEqual(['east', 'north', 'south', 'west', 'island', 'missing']);
    expect(binIndex(b, 'south')).toBe(2);
    expect(binIndex(b, 'atlantis')).toBe(UNSEEN_BIN);
    expect(b.iv).toBeGreaterThan(0.02);
  });
});

describe('fitScorecard', () => {
  it('keeps predictive characteristics and drops the unpredictive one', () => {
    const names = card.characteristics.map((c) => c.binning.name);
    expect(names).toEqual(expect.arrayContaining(['late_payments_12m', 'monthly_income', 'utilisation', 'region']));
    expect(card.excluded.map((e) => e.name)).toContain('noise');
  });

  it('gives points that are monotonic in each binned numeric characteristic', () => {
    for (const [name, direction] of [
      ['late_payments_12m', -1], // more late payments → fewer points
      ['utilisation', -1],
      ['monthly_income', 1], // more income → more points
    ] as const) {
      const ch = characteristic(card, name);
      const b = ch.binning;
      if (b.kind !== 'numeric') throw new Error(`${name} should be numeric`);
      const regular = ch.points.slice(0, b.cuts.length + 1);
      expect(regular.length).toBeGreaterThan(1);
      for (let i = 1; i < regular.length; i++) expect((regular[i] - regular[i - 1]) * direction).toBeGreaterThan(0);
    }
  });

  it('scales points so 600 means odds 50:1 and every 20 points double the odds', () => {
    expect(pdFromScore(card, 600)).toBeCloseTo(1 / 51, 12);
    expect(pdFromScore(card, 620)).toBeCloseTo(1 / 101, 12);
    expect(pdFromScore(card, 580)).toBeCloseTo(1 / 26, 12);
    const custom = fitScorecard(data.columns, data.bad, data.rows, { baseScore: 500, baseOdds: 20, pdo: 50 });
    expect(pdFromScore(custom, 500)).toBeCloseTo(1 / 21, 12);
    expect(pdFromScore(custom, 550)).toBeCloseTo(1 / 41, 12);
  });

  it('reports the PD of the WoE logistic regression itself', () => {
    const customer = { late_payments_12m: 3, monthly_income: 2500, utilisation: 0.9, region: 'south', noise: 0.1 };
    let logit = card.intercept;
    for (const ch of card.characteristics) {
      const bin = binIndex(ch.binning, customer[ch.binning.name as keyof typeof customer]);
      logit += ch.weight * ch.binning.bins[bin].woe;
    }
    const result = scoreCustomer(card, customer);
    expect(result.pd).toBeCloseTo(sigmoid(logit), 12);
    const rows = Uint32Array.from([0, 1, 2]);
    const batch = predictScorecard(card, data.columns, rows);
    rows.forEach((r, i) => {
      const c = Object.fromEntries(data.columns.map((col) => [col.name, col.values[r]]));
      expect(batch[i]).toBeCloseTo(scoreCustomer(card, c).pd, 12);
    });
  });

  it('ranks risk: the fitted card separates goods from bads on its training data', () => {
    const pd = predictScorecard(card, data.columns, data.rows);
    let badMean = 0;
    let goodMean = 0;
    let nb = 0;
    data.bad.forEach((b, i) => {
      if (b) {
        badMean += pd[i];
        nb++;
      } else goodMean += pd[i];
    });
    expect(badMean / nb).toBeGreaterThan(goodMean / (data.bad.length - nb) + 0.1);
  });

  it('refuses bad options and single-class training data', () => {
    expect(() => fitScorecard(data.columns, data.bad, data.rows, { pdo: 0 })).toThrow(/pdo/);
    expect(() => fitScorecard(data.columns, new Uint8Array(3000), data.rows)).toThrow(/both goods and bads/);
  });
});

describe('reason codes', () => {
  const risky = { late_payments_12m: 4, monthly_income: 2100, utilisation: 0.95, region: 'south', noise: 0.5 };

  it('lists the characteristics where the customer lost most points against the best bin', () => {
    const result = scoreCustomer(card, risky, 10);
    expect(result.reasons.length).toBeGreaterThanOrEqual(3);
    for (const r of result.reasons) {
      const ch = characteristic(card, r.feature);
      expect(r.maxPoints).toBeCloseTo(Math.max(...ch.points, 0), 12);
      expect(r.lost).toBeCloseTo(r.maxPoints - r.points, 12);
      expect(r.lost).toBeGreaterThan(0);
    }
    for (let i = 1; i < result.reasons.length; i++) expect(result.reasons[i].lost).toBeLessThanOrEqual(result.reasons[i - 1].lost);
    const late = result.reasons.find((r) => r.feature === 'late_payments_12m');
    expect(late?.value).toBe(4);
    expect(late?.binLabel).toMatch(/^>|\]$/);
    expect(scoreCustomer(card, risky, 2).reasons).toHaveLength(2);
  });

  it('gives a customer in the best bin of every characteristic no reasons and a better band', () => {
    const best: Record<string, number | string> = {};
    for (const ch of card.characteristics) {
      const top = ch.points.indexOf(Math.max(...ch.points));
      const b = ch.binning;
      if (b.kind === 'numeric') {
        if (top === b.missingBin) best[b.name] = NaN;
        else best[b.name] = top === 0 ? b.cuts[0] : top === b.cuts.length ? b.cuts[b.cuts.length - 1] + 1 : b.cuts[top];
      } else best[b.name] = Object.keys(b.categoryBin).find((k) => b.categoryBin[k] === top) ?? '';
    }
    const safe = scoreCustomer(card, best);
    const risk = scoreCustomer(card, risky);
    expect(safe.reasons).toEqual([]);
    expect(safe.score).toBeGreaterThan(risk.score);
    expect(safe.band <= risk.band).toBe(true);
  });

  it('scores an unseen category with neutral points and says so', () => {
    const region = characteristic(card, 'region');
    const south = region.points[binIndex(region.binning, 'south')];
    const seen = scoreCustomer(card, risky, 10);
    const unseen = scoreCustomer(card, { ...risky, region: 'atlantis' }, 10);
    expect(unseen.score - seen.score).toBeCloseTo(0 - south, 12);
    const reason = unseen.reasons.find((r) => r.feature === 'region');
    expect(reason).toBeDefined(); // the best region earns more than the neutral 0
    expect(reason!.points).toBe(0);
    expect(reason!.binLabel).toBe('unseen value');
  });

  it('formats a reason from caller-supplied bilingual metadata', () => {
    const meta = {
      name: 'late_payments_12m',
      descriptionEn: '{value} payments more than 30 days late in the last 12 months',
      descriptionZh: '近12个月有{value}次逾期超过30天',
    };
    const reason = { feature: 'late_payments_12m', points: -10, maxPoints: 15, lost: 25, binLabel: '> 1', value: 2 };
    expect(formatReason(reason, meta)).toBe('2 payments more than 30 days late in the last 12 months');
    expect(formatReason(reason, meta, 'zh')).toBe('近12个月有2次逾期超过30天');
    const plain = { name: 'region', descriptionEn: 'Region', descriptionZh: '地区' };
    expect(formatReason({ ...reason, feature: 'region', value: 'south' }, plain)).toBe('Region: south');
    expect(formatReason({ ...reason, feature: 'region', value: null }, plain, 'zh')).toBe('地区：未提供');
    expect(() => formatReason(reason, plain)).toThrow(/metadata is for "region"/);
  });
});

describe('risk bands and calibration', () => {
  it('maps PDs to bands A–E with the documented ranges', () => {
    expect(riskBand(card, 0.01)).toBe('A');
    expect(riskBand(card, 0.02)).toBe('B');
    expect(riskBand(card, 0.07)).toBe('C');
    expect(riskBand(card, 0.15)).toBe('D');
    expect(riskBand(card, 0.2)).toBe('E');
    expect(riskBand(card, 1)).toBe('E');
    expect(() => riskBand(card, NaN)).toThrow(/PD/);
  });

  it('Platt recalibration on a holdout keeps the ranking and roughly identity on in-distribution data', () => {
    const holdout = creditData(2000, 7);
    const calibrated = calibratePlatt(card, holdout.columns, holdout.bad, holdout.rows);
    expect(calibrated.calibration).not.toBeNull();
    expect(calibrated.calibration!.a).toBeGreaterThan(0.7);
    expect(calibrated.calibration!.a).toBeLessThan(1.3);
    const a = predictScorecard(card, holdout.columns, Uint32Array.from([0, 1]));
    const b = predictScorecard(calibrated, holdout.columns, Uint32Array.from([0, 1]));
    expect(Math.sign(a[0] - a[1])).toBe(Math.sign(b[0] - b[1]));
  });
});

describe('serialisation', () => {
  const json = serializeScorecard(card);

  it('round-trips through plain JSON with identical scores', () => {
    const back = deserializeScorecard(json);
    expect(JSON.parse(json).format).toBe('bank-copilot/scorecard');
    expect(JSON.parse(json).version).toBe(1);
    const customer = { late_payments_12m: 2, monthly_income: NaN, utilisation: 0.3, region: 'west' };
    expect(scoreCustomer(back, customer)).toEqual(scoreCustomer(card, customer));
  });

  it('refuses a corrupted or incompatible artifact with a clear error', () => {
    const obj = JSON.parse(json);
    expect(() => deserializeScorecard(JSON.stringify({ ...obj, version: 2 }))).toThrow(/version 2.*reads version 1/);
    expect(() => deserializeScorecard(JSON.stringify({ ...obj, format: 'other' }))).toThrow(/not a scorecard/);
    const { basePoints: _omit, ...missing } = obj;
    expect(() => deserializeScorecard(JSON.stringify(missing))).toThrow(/corrupted or incomplete: basePoints/);
    const nan = structuredClone(obj);
    nan.characteristics[0].points[0] = NaN; // JSON writes NaN as null
    expect(() => deserializeScorecard(JSON.stringify(nan))).toThrow(/characteristics\.0\.points\.0/);
    const short = structuredClone(obj);
    short.characteristics[0].points.pop();
    expect(() => deserializeScorecard(JSON.stringify(short))).toThrow(/inconsistent/);
    expect(() => deserializeScorecard('{"format": "bank-copilot/scorecard", ')).toThrow(/not valid JSON/);
  });
});
