import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { PRODUCT_CODES } from '../../data/vocabulary';
import { gbdtContributions } from '../../models/gbdt';
import { streamFeatures } from '../../models/features/stream';
import { listModelVersions } from '../../models/registry/repository';
import { withModelTables } from '../../models/registry/tables';
import type { ActiveModels } from '../../models/registry/types';
import { reasonCutOff, scoreAllCustomers } from '../../models/scoring/batch';
import { CompiledTreeModel, withTexts } from '../../models/scoring/compiled';
import { featureDriftReport } from '../../models/scoring/drift';
import { compileForExplain, explainCustomer } from '../../models/scoring/explain';
import { CHURN_LEVEL_CUTOFFS } from '../../models/scoring/levels';
import { CachedTreeShap } from '../../models/scoring/shap-cache';
import { pathContributions } from '../../models/scoring/path-attribution';
import { ensureModels } from '../../models/training/ensure-models';
import type { TrainReport } from '../../models/training/train';

jest.setTimeout(120_000);

const CUSTOMERS = 3000;

describe('model pipeline on a generated bank', () => {
  let bank: BankDatabase;
  let training: TrainReport;
  let models: ActiveModels;

  beforeAll(async () => {
    bank = await openDatabase({ sqlitePath: ':memory:' });
    // 3,000 customers give ~40 defaults; the holdout of a much smaller bank has too few to measure AUC.
    await seedBank(bank, { customers: CUSTOMERS, seed: 13, generatedAt: '2026-11-01T00:00:00Z' });
    const lines: string[] = [];
    const first = await ensureModels(bank, { seed: 42, pageSize: 1000, onProgress: (l) => lines.push(l) });
    expect(first.training).not.toBeNull();
    expect(first.scoring).not.toBeNull();
    if (!lines.some((l) => l.includes('credit_scorecard v1'))) throw new Error(lines.join('\n'));
    training = first.training!;
    models = first.models;
  });
  afterAll(() => bank.close());

  it('trains the scorecard and the churn model with real signal on the holdout', () => {
    const byName = new Map(training.trained.map((t) => [t.name, t.metrics]));
    const credit = byName.get('credit_scorecard');
    const churn = byName.get('churn_gbdt');
    expect(credit).toBeDefined();
    expect(churn).toBeDefined();
    expect(credit!.rocAuc).toBeGreaterThan(0.65);
    expect(churn!.rocAuc).toBeGreaterThan(0.65);
    for (const m of [credit!, churn!]) {
      expect(m.ks).toBeGreaterThan(0);
      expect(m.brier).toBeGreaterThan(0);
      expect(m.brier).toBeLessThan(0.25);
      expect(m.prAuc).toBeGreaterThan(m.baseRate);
    }
    expect(training.snapshot).toBe('2026-05-01');
    // every product either has a model or a stated reason
    const accounted = new Set([...training.trained.map((t) => t.name), ...training.skipped.map((s) => s.name)]);
    for (const p of PRODUCT_CODES) expect(accounted.has(`propensity_${p}`)).toBe(true);
    for (const s of training.skipped) expect(s.reason).toMatch(/positives/);
    expect(models.propensity.size).toBeGreaterThanOrEqual(3);
  });

  it('registers versions with metrics, features and training profiles', async () => {
    const records = await listModelVersions(bank.db);
    const churn = records.find((r) => r.name === 'churn_gbdt');
    expect(churn?.version).toBe(1);
    expect(churn?.snapshotDate).toBe('2026-05-01');
    expect(churn?.features).toContain('txn_count_trend');
    expect(Object.keys(churn!.featureProfile)).toEqual(churn!.features);
    expect(churn?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('scores every customer and stores reason codes that read in both languages', async () => {
    const mdb = withModelTables(bank.db);
    const scores = await mdb.selectFrom('customer_scores').selectAll().execute();
    expect(scores).toHaveLength(CUSTOMERS);
    const bands = new Set(scores.map((s) => s.credit_band));
    expect([...bands].every((b) => ['A', 'B', 'C', 'D', 'E'].includes(String(b)))).toBe(true);
    expect(bands.size).toBeGreaterThan(1);
    const left = new Set(
      (await bank.db.selectFrom('accounts').select('customer_id').where('product', '=', 'current_account').where('status', '=', 'closed').execute()).map((a) => a.customer_id),
    );
    expect(left.size).toBeGreaterThan(0);
    for (const s of scores) {
      if (left.has(s.customer_id)) {
        expect(s.churn_probability).toBeNull();
        expect(s.churn_level).toBeNull();
        continue;
      }
      expect(s.churn_probability).toBeGreaterThanOrEqual(0);
      const level = s.churn_probability! >= CHURN_LEVEL_CUTOFFS.high ? 'high' : s.churn_probability! >= CHURN_LEVEL_CUTOFFS.medium ? 'medium' : 'low';
      expect(s.churn_level).toBe(level);
    }
    const risky = scores.find((s) => JSON.parse(s.credit_reasons).length > 0)!;
    const reason = JSON.parse(risky.credit_reasons)[0];
    expect(Object.keys(reason).sort()).toEqual(['feature', 'lost_points', 'value']);
    expect(reason.lost_points).toBeGreaterThan(0);
    // The sentences follow from the stored code and value: the same ones the fresh explanation shows.
    const explainers = compileForExplain(models);
    const credit = (await explainCustomer(bank.db, explainers, risky.customer_id))!.credit!;
    const characteristic = credit.characteristics.find((c) => c.feature === reason.feature)!;
    expect(withTexts(reason)).toEqual({ ...reason, text_en: characteristic.text_en, text_zh: characteristic.text_zh });
    expect(characteristic.text_zh).toMatch(/[\u4e00-\u9fff]/);
    const high = scores.filter((s) => s.churn_level === 'high');
    expect(high.length).toBeGreaterThan(0);
    const churnReasons = JSON.parse(high[0].churn_reasons);
    expect(churnReasons.length).toBeGreaterThan(0);
    const drivers = (await explainCustomer(bank.db, explainers, high[0].customer_id))!.churn!.contributions;
    for (const r of churnReasons) {
      expect(Object.keys(r).sort()).toEqual(['contribution', 'feature', 'value']);
      const driver = drivers.find((d) => d.feature === r.feature)!;
      expect(withTexts(r)).toEqual({ ...r, text_en: driver.text_en, text_zh: driver.text_zh });
    }

    const propensity = await mdb.selectFrom('product_propensity').selectAll().execute();
    expect(propensity.length).toBeGreaterThan(CUSTOMERS);
    // nobody is offered a product they already hold
    const holders = new Set(
      (await bank.db.selectFrom('accounts').select(['customer_id', 'product']).where('status', '=', 'active').execute()).map((a) => `${a.customer_id}/${a.product}`),
    );
    expect(propensity.filter((p) => holders.has(`${p.customer_id}/${p.product}`))).toEqual([]);
    // a campaign list is an indexed query
    const product = [...models.propensity.keys()][0];
    const top = await mdb.selectFrom('product_propensity').select(['customer_id', 'score']).where('product', '=', product).orderBy('score', 'desc').limit(10).execute();
    expect(top).toHaveLength(10);
    expect(top[0].score).toBeGreaterThanOrEqual(top[9].score);
  });

  it('replaces old scores when scoring again', async () => {
    const report = await scoreAllCustomers(bank, models, { pageSize: 700, runId: 'second-run' });
    expect(report.customers).toBe(CUSTOMERS);
    const runs = await withModelTables(bank.db).selectFrom('customer_scores').select('run_id').distinct().execute();
    expect(runs).toEqual([{ run_id: 'second-run' }]);
    const pruns = await withModelTables(bank.db).selectFrom('product_propensity').select('run_id').distinct().execute();
    expect(pruns).toEqual([{ run_id: 'second-run' }]);
  });

  it('stores propensity reasons for the head of each list and churn reasons for medium and high risk only', async () => {
    const mdb = withModelTables(bank.db);
    const explainers = compileForExplain(models);
    for (const product of models.propensity.keys()) {
      const rows = await mdb.selectFrom('product_propensity').select(['customer_id', 'score', 'reasons']).where('product', '=', product).orderBy('score', 'desc').execute();
      const withReasons = rows.filter((r) => r.reasons !== '[]').length;
      // Top 20 % per 700-customer page (ties included), so a little more than a fifth overall, never all.
      expect(withReasons).toBeGreaterThanOrEqual(Math.floor(rows.length * 0.2));
      expect(withReasons).toBeLessThan(rows.length * 0.5);
      for (const r of rows.slice(0, 20)) expect(JSON.parse(r.reasons).length).toBeGreaterThan(0);
      // A row stored without reasons still has the score the single-customer explanation gives.
      const bare = rows.find((r) => r.reasons === '[]')!;
      const e = await explainCustomer(bank.db, explainers, bare.customer_id);
      expect(e!.propensity.find((p) => p.product === product)!.score).toBeCloseTo(bare.score, 4);
    }
    const scores = await mdb.selectFrom('customer_scores').select(['churn_level', 'churn_reasons']).execute();
    for (const s of scores) {
      if (s.churn_level === 'high' || s.churn_level === 'medium') expect(JSON.parse(s.churn_reasons).length).toBeGreaterThan(0);
      else expect(s.churn_reasons).toBe('[]');
    }
  });

  it('gives the same scores whatever share of rows stores reasons', async () => {
    const mdb = withModelTables(bank.db);
    const before = await mdb.selectFrom('product_propensity').select(['customer_id', 'product', 'score']).orderBy('customer_id').orderBy('product').execute();
    const churnBefore = await mdb.selectFrom('customer_scores').select(['customer_id', 'churn_probability', 'credit_score']).orderBy('customer_id').execute();
    await scoreAllCustomers(bank, models, { pageSize: 1000, runId: 'all-reasons', reasonShare: 1 });
    const all = await mdb.selectFrom('product_propensity').select(['customer_id', 'product', 'score', 'reasons']).orderBy('customer_id').orderBy('product').execute();
    expect(all.map((r) => [r.customer_id, r.product, r.score])).toEqual(before.map((r) => [r.customer_id, r.product, r.score]));
    expect(all.filter((r) => r.reasons === '[]').length).toBeLessThan(all.length * 0.05);
    expect(await mdb.selectFrom('customer_scores').select(['customer_id', 'churn_probability', 'credit_score']).orderBy('customer_id').execute()).toEqual(churnBefore);
    await expect(scoreAllCustomers(bank, models, { reasonShare: 1.5 })).rejects.toThrow(/reasonShare/);
    await scoreAllCustomers(bank, models, { pageSize: 700, runId: 'second-run' });
  });

  it('stores the same rows when worker threads score the pages of a file-backed bank', async () => {
    await scoreAllCustomers(bank, models, { pageSize: 700, runId: 'second-run' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'score-workers-'));
    const file = path.join(dir, 'bank.db');
    await bank.sqlite!.backup(file);
    const copy = await openDatabase({ sqlitePath: file });
    // Start the copy empty, so every row compared below was written by the threaded run.
    copy.sqlite!.exec('DELETE FROM customer_scores; DELETE FROM product_propensity');
    try {
      const lines: string[] = [];
      const threaded = await scoreAllCustomers(copy, models, { pageSize: 700, runId: 'second-run', workers: 2, onProgress: (l) => lines.push(l) });
      expect(lines[0]).toMatch(/2 worker threads/);
      expect(threaded.customers).toBe(CUSTOMERS);
      for (const table of ['customer_scores', 'product_propensity'] as const) {
        const read = (db: BankDatabase) => withModelTables(db.db).selectFrom(table).selectAll().orderBy('customer_id').execute();
        const [mine, theirs] = [await read(bank), await read(copy)];
        if (table === 'product_propensity') for (const rows of [mine, theirs]) rows.sort((a, b) => (a.customer_id + a.product < b.customer_id + b.product ? -1 : 1));
        expect(theirs).toEqual(mine);
      }
      // A worker that cannot compute features fails the run; the stored scores stay as they were.
      copy.sqlite!.exec('ALTER TABLE transactions RENAME TO transactions_moved');
      await expect(scoreAllCustomers(copy, models, { workers: 1, runId: 'broken-run' })).rejects.toThrow(/Scoring worker failed on page 0/);
      for (const table of ['customer_scores', 'product_propensity'] as const) {
        const runs = copy.sqlite!.prepare(`SELECT run_id, count(*) AS n FROM ${table} GROUP BY run_id`).all() as { run_id: string; n: number }[];
        expect(runs.map((r) => r.run_id)).toEqual(['second-run']);
      }
      expect(copy.sqlite!.prepare(`SELECT count(*) AS n FROM customer_scores`).get()).toEqual({ n: CUSTOMERS });
      expect(copy.sqlite!.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%_next'`).all()).toEqual([]);
    } finally {
      await copy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('swaps a new run in whole on SQLite: readers see the previous run until the end, indexes and statistics are kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'score-swap-'));
    const file = path.join(dir, 'bank.db');
    await bank.sqlite!.backup(file);
    const copy = await openDatabase({ sqlitePath: file });
    copy.sqlite!.exec('ANALYZE');
    const shape = (db: BankDatabase) => ({
      indexes: db.sqlite!.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('customer_scores', 'product_propensity') ORDER BY name`).all(),
      stats: db.sqlite!.prepare(`SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl IN ('customer_scores', 'product_propensity') ORDER BY tbl, idx`).all(),
    });
    const before = shape(copy);
    expect(before.indexes.length).toBeGreaterThanOrEqual(6);
    expect(before.stats.length).toBeGreaterThan(0);
    const reader = await openDatabase({ sqlitePath: file, migrate: false });
    const runsSeen = () => (reader.sqlite!.prepare('SELECT DISTINCT run_id FROM product_propensity').pluck().all() as string[]).sort();
    try {
      const seenDuringRun: string[][] = [];
      await scoreAllCustomers(copy, models, {
        pageSize: 500, runId: 'swapped-run', workers: 2,
        onProgress: (line) => {
          if (/^\[score\] [\d,]+ customers/.test(line)) seenDuringRun.push(runsSeen());
        },
      });
      expect(seenDuringRun.length).toBe(Math.ceil(CUSTOMERS / 500));
      for (const seen of seenDuringRun) expect(seen).toEqual(['second-run']);
      expect(runsSeen()).toEqual(['swapped-run']);
      expect(reader.sqlite!.prepare('SELECT count(*) FROM customer_scores').pluck().get()).toBe(CUSTOMERS);
      expect(shape(copy)).toEqual(before);
      expect(copy.sqlite!.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%_next'`).all()).toEqual([]);
      expect(copy.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await reader.close();
      await copy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('picks the reason cut-off at the requested share of the scored rows, ties included', () => {
    const scores = Float64Array.from([0.5, Number.NaN, 0.1, 0.9, 0.3, 0.3, Number.NaN, 0.7]);
    expect(reasonCutOff(scores, 6, 0.5)).toBe(0.5);
    // the fourth best is 0.3, which the fifth shares: both get reasons
    expect(reasonCutOff(scores, 6, 0.6)).toBe(0.3);
    expect(reasonCutOff(scores, 6, 0.2)).toBe(0.7);
    expect(reasonCutOff(scores, 6, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(reasonCutOff(scores, 6, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => reasonCutOff(scores, 6, -0.1)).toThrow(/reasonShare/);
  });

  it('explains one customer: points add up to the score and contributions to the churn log-odds', async () => {
    const explainers = compileForExplain(models);
    const e = await explainCustomer(bank.db, explainers, 'C000002');
    expect(e).not.toBeNull();
    const credit = e!.credit!;
    const sum = credit.basePoints + credit.characteristics.reduce((s, c) => s + c.points, 0);
    expect(sum).toBeCloseTo(credit.score, 0);
    for (const c of credit.characteristics) {
      expect(c.lostPoints).toBeGreaterThanOrEqual(-1e-9);
      expect(c.text_zh.length).toBeGreaterThan(0);
    }
    const churn = e!.churn!;
    const logit = churn.expectedLogOdds + churn.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(churn.probability, 2);
    const stored = await withModelTables(bank.db).selectFrom('customer_scores').selectAll().where('customer_id', '=', 'C000002').executeTakeFirstOrThrow();
    expect(stored.churn_probability).toBeCloseTo(churn.probability, 3);
    expect(stored.credit_score).toBeCloseTo(credit.score, 1);
    expect(await explainCustomer(bank.db, explainers, 'C999999')).toBeNull();
  });

  it('computes exact TreeSHAP with the routing cache and path attributions that add up to the margin', async () => {
    const churn = models.churn!;
    const compiled = new CompiledTreeModel(churn);
    const cached = new CachedTreeShap(churn.model);
    // A store that fills up after a few trees: later misses are computed without being kept.
    const small = new CachedTreeShap(churn.model, 40);
    const page = (await streamFeatures(bank.db, '2026-11-01', { pageSize: 200 }).next()).value!;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 200; i += 7) {
        const input = Float64Array.from(compiled.inputOf(page.values.subarray(i * page.width, (i + 1) * page.width)));
        const exact = gbdtContributions(churn.model, input);
        for (const shap of [cached, small]) {
          const phi = new Float64Array(input.length);
          expect(shap.contributions(input, phi)).toBeCloseTo(exact.expectedValue, 10);
          for (let j = 0; j < phi.length; j++) expect(phi[j]).toBeCloseTo(exact.contributions[j], 10);
        }
        const path = new Float64Array(input.length);
        const margin = pathContributions(churn.model, input, path);
        expect(margin).toBeCloseTo(exact.expectedValue + exact.contributions.reduce((a, b) => a + b, 0), 8);
      }
    }
  });

  it('reports no drift for the data the model was trained on, and drift bands for today', async () => {
    const same = await featureDriftReport(bank.db, models.churn!, { asOf: '2026-05-01' });
    expect(same.sampled).toBeGreaterThan(1000);
    for (const f of same.features) {
      expect(f.psi).toBeLessThan(0.02);
      expect(f.band).toBe('stable');
    }
    const today = await featureDriftReport(bank.db, models.credit!, { top: 5 });
    expect(today.features.length).toBeGreaterThan(0);
    expect(today.features.length).toBeLessThanOrEqual(5);
    for (const f of today.features) expect(['stable', 'moderate', 'act']).toContain(f.band);
  });

  it('loads the registry on the next start instead of training again', async () => {
    const again = await ensureModels(bank);
    expect(again.training).toBeNull();
    expect(again.scoring).toBeNull();
    expect(again.models.churn?.record.version).toBe(1);
    expect(again.models.warnings).toEqual([]);
  });
});
