import { join } from 'node:path';
import { main } from '../../models/evaluate-cli';
import type { EvaluationResult } from '../../models/eval-run';
import { fitLogistic, predictProbaMatrix } from '../../models/logistic';
import { rocAuc, brier } from '../../models/metrics';
import {
  datasetFromCsv,
  fitCodeEncoder,
  fitLinearEncoder,
  foldSplit,
  loadCsvDataset,
  parseCsv,
  pick,
  transformCodes,
  transformLinear,
} from '../../models/tabular';

/**
 * small-credit.csv: 400 synthetic applicants (deterministic generator), columns age,
 * monthly_income (5 % empty), late_payments_12m, region (with a rare "island"), employment (one
 * value quoted because it contains a comma), target and a stratified fold column 0-4.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'models', 'small-credit.csv');

type JsonResult = EvaluationResult & { file: string };

async function runJson(args: string[]): Promise<JsonResult> {
  return JSON.parse(await main(['--data', FIXTURE, '--json', '--warmup', '0', ...args])) as JsonResult;
}

/** Everything but wall-clock times, which legitimately vary between runs. */
function withoutTimes(r: JsonResult) {
  return r.models.map((m) => ({ model: m.model, summary: m.summary, folds: m.folds.map(({ fitSeconds: _t, fitCpuSeconds: _c, ...rest }) => rest) }));
}

describe('npm run evaluate', () => {
  it('reproduces its own numbers for a fixed seed, for every model', async () => {
    const a = await runJson(['--models', 'logistic,scorecard,gbdt', '--seed', '7']);
    const b = await runJson(['--models', 'logistic,scorecard,gbdt', '--seed', '7']);
    expect(withoutTimes(a)).toEqual(withoutTimes(b));
    expect(a.models.map((m) => m.model)).toEqual(['logistic', 'scorecard', 'gbdt']);
    expect(a.timing).toEqual({ warmup: 0, repeat: 1 });
    const repeated = await runJson(['--models', 'logistic,scorecard,gbdt', '--seed', '7', '--repeat', '2']);
    expect(repeated.timing.repeat).toBe(2);
    expect(withoutTimes(repeated)).toEqual(withoutTimes(a)); // repeating only affects the timing
    expect(a.data).toEqual({ rows: 400, features: 5, numeric: 3, categorical: 2, positives: 130, folds: 5 });
    for (const m of a.models) {
      expect(m.folds).toHaveLength(5);
      expect(m.summary.rocAuc.mean).toBeGreaterThan(0.65); // the fixture has real signal
      expect(m.medianFitSeconds).toBeGreaterThan(0);
      expect(m.medianFitCpuSeconds).toBeGreaterThan(0);
    }
  }, 60000);

  it('reports the same fold metrics as fitting the logistic model by hand', async () => {
    const result = await runJson(['--models', 'logistic']);
    const ds = loadCsvDataset(FIXTURE);
    for (let k = 0; k < 5; k++) {
      const { train, test } = foldSplit(ds, k);
      const enc = fitLinearEncoder(ds.columns, train);
      const model = fitLogistic(transformLinear(enc, ds.columns, train), pick(ds.target, train));
      const p = predictProbaMatrix(model, transformLinear(enc, ds.columns, test));
      expect(result.models[0].folds[k].rocAuc).toBeCloseTo(rocAuc(pick(ds.target, test), p), 12);
      expect(result.models[0].folds[k].brier).toBeCloseTo(brier(pick(ds.target, test), p), 12);
    }
    const aucs = result.models[0].folds.map((f) => f.rocAuc);
    const mean = aucs.reduce((s, v) => s + v, 0) / 5;
    expect(result.models[0].summary.rocAuc.mean).toBeCloseTo(mean, 12);
    expect(result.models[0].summary.rocAuc.std).toBeCloseTo(Math.sqrt(aucs.reduce((s, v) => s + (v - mean) ** 2, 0) / 4), 12);
  });

  it('prints a table with one row per model', async () => {
    const text = await main(['--data', FIXTURE, '--models', 'scorecard,logistic', '--warmup', '0']);
    expect(text).toMatch(/400 rows, 5 features \(2 categorical, 3 numeric\), 130 positives/);
    expect(text).toMatch(/\| model \| ROC AUC \| PR AUC \| Brier \| KS \| log loss \| fit s \(median\) \| fit CPU s \(median\) \|/);
    expect(text).toMatch(/\| scorecard \| 0\.\d{4} ± 0\.\d{3} \|/);
    expect(text).toMatch(/\| logistic \| 0\.\d{4} ± 0\.\d{3} \|/);
  });

  it('explains what is wrong with the command line', async () => {
    await expect(main([])).rejects.toThrow(/--data is required/);
    await expect(main(['--data', FIXTURE, '--models', 'forest'])).rejects.toThrow(/unknown model "forest"/);
    await expect(main(['--data', FIXTURE, '--seed', 'x'])).rejects.toThrow(/--seed must be an integer/);
  });
});

describe('tabular loading and encoding', () => {
  it('parses quoted fields and infers column types without knowing the column names', () => {
    const ds = loadCsvDataset(FIXTURE);
    expect(ds.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'age:numeric',
      'monthly_income:numeric',
      'late_payments_12m:numeric',
      'region:categorical',
      'employment:categorical',
    ]);
    const employment = ds.columns[4];
    expect(employment.kind === 'categorical' && employment.values.includes('self-employed, part-time')).toBe(true);
    const income = ds.columns[1];
    expect(income.kind === 'numeric' && Number.isNaN(income.values[0])).toBe(true); // first row's income is empty
  });

  it('handles CRLF, escaped quotes and refuses ragged rows or a missing fold column', () => {
    const csv = parseCsv('a,b,target,fold\r\n"x ""y""",1.5,1,0\r\nz,,0,1\r\n');
    expect(csv.rows).toEqual([
      ['x "y"', '1.5', '1', '0'],
      ['z', '', '0', '1'],
    ]);
    const ds = datasetFromCsv(csv);
    expect(ds.columns.map((c) => c.kind)).toEqual(['categorical', 'numeric']);
    expect(ds.folds).toBe(2);
    expect(() => parseCsv('a,b\n1\n')).toThrow(/1 fields but the header has 2/);
    expect(() => datasetFromCsv(parseCsv('a,target\n1,0\n'))).toThrow(/no "fold" column/);
    expect(() => datasetFromCsv(parseCsv('a,target,fold\n1,2,0\n'))).toThrow(/expected 0 or 1/);
    expect(() => datasetFromCsv(parseCsv('a,target,fold\n1,,0\n'))).toThrow(/expected 0 or 1/);
    expect(Array.from(datasetFromCsv(parseCsv('a,target,fold\n1,1.0,0\n2,0.0,1\n')).target)).toEqual([1, 0]);
  });

  it('fits encoders on training rows only: unseen categories become zeros or NaN codes', () => {
    const ds = datasetFromCsv(parseCsv('n,c,target,fold\n1,a,0,0\n3,a,1,0\n5,b,0,0\n,z,1,1\n100,a,0,1\n'));
    const { train, test } = foldSplit(ds, 1);
    const lin = fitLinearEncoder(ds.columns, train);
    expect(lin.outputNames).toEqual(['n', 'c=a', 'c=b']);
    const sd = Math.sqrt(8 / 3);
    const X = transformLinear(lin, ds.columns, test);
    // missing numeric → training mean (0 after scaling); unseen "z" → all zeros; 100 scaled by training stats
    expect(Array.from(X.data)).toEqual([0, 0, 0, (100 - 3) / sd, 1, 0]);
    const codes = fitCodeEncoder(ds.columns, train);
    expect(codes.categorical).toEqual([false, true]);
    const C = transformCodes(codes, ds.columns, test);
    expect(C[0][0]).toBeNaN();
    expect(C[0][1]).toBeNaN(); // unseen category
    expect(C[1]).toEqual([100, 0]); // "a" is the most frequent training category → code 0
  });
});
