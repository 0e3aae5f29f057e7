import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { customerFlags, runAnomalyDetection, type AnomalyRunResult } from '../../models/anomaly';

jest.setTimeout(180_000);

describe('runAnomalyDetection on a generated bank', () => {
  let bank: BankDatabase;
  let result: AnomalyRunResult;
  const progress: string[] = [];

  beforeAll(async () => {
    bank = await openDatabase({ sqlitePath: ':memory:' });
    await seedBank(bank, { customers: 3000, seed: 23, generatedAt: '2026-11-01T00:00:00Z' });
    result = await runAnomalyDetection(bank, { windowDays: 365, pageSize: 700, onProgress: (p) => progress.push(p.phase) });
  });
  afterAll(() => bank.close());

  it('finds the injected unusual transactions with precision and recall above 0.6', () => {
    expect(result.evaluation).not.toBeNull();
    const e = result.evaluation!;
    expect(e.injected).toBeGreaterThan(50);
    expect(e.precision).toBeGreaterThan(0.6);
    expect(e.recall).toBeGreaterThan(0.6);
  });

  it('flags roughly the expected share of scored transactions', () => {
    expect(result.asOf).toBe('2026-11-01');
    expect(result.customers).toBe(3000);
    const share = result.flagged / result.scored;
    expect(share).toBeGreaterThan(0.0005);
    expect(share).toBeLessThan(0.005);
    expect(new Set(progress)).toEqual(new Set(['population', 'calibrate', 'score']));
  });

  it('stores one row per flag with a score, bilingual reasons and the model version', async () => {
    const rows = (await sql<{ transaction_id: number; score: number; reasons: string; model_version: string; ts: string }>`
      select transaction_id, score, reasons, model_version, ts from transaction_flags`.execute(bank.db)).rows;
    expect(rows).toHaveLength(result.flagged);
    for (const r of rows) {
      expect(r.score).toBeGreaterThanOrEqual(result.threshold - 1e-4);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.model_version).toBe(result.modelVersion);
      expect(r.ts >= result.windowStart).toBe(true);
      const reasons = JSON.parse(r.reasons) as { code: string; en: string; zh: string }[];
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) {
        expect(reason.en.length).toBeGreaterThan(10);
        expect(reason.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const flaggedInjected = (await sql<{ n: number }>`
      select count(*) as n from transaction_flags f join transactions t on t.id = f.transaction_id where t.injected_anomaly = 1`.execute(bank.db)).rows[0]!.n;
    expect(Number(flaggedInjected)).toBe(result.evaluation!.truePositives);
  });

  it('answers "this customer\'s unusual transactions lately" from the (customer_id, ts) index', async () => {
    const one = (await sql<{ customer_id: string }>`select customer_id from transaction_flags order by customer_id limit 1`.execute(bank.db)).rows[0]!;
    const flags = await customerFlags(bank, one.customer_id, '2026-08-01T00:00:00Z');
    for (let i = 1; i < flags.length; i++) expect(flags[i - 1]!.ts >= flags[i]!.ts).toBe(true);
    expect(flags.every((f) => f.customer_id === one.customer_id && f.ts >= '2026-08-01T00:00:00Z')).toBe(true);
    const plan = bank.sqlite!.prepare('EXPLAIN QUERY PLAN select * from transaction_flags where customer_id = ? and ts >= ?').all('C000001', '2026-08-01') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/transaction_flags_customer_ts/);
  });

  it('replaces only the flags inside the window when run again', async () => {
    const count = async (where: 'all' | 'recent') =>
      Number(
        (where === 'all'
          ? await sql<{ n: number }>`select count(*) as n from transaction_flags`.execute(bank.db)
          : await sql<{ n: number }>`select count(*) as n from transaction_flags where ts >= ${'2026-10-03T00:00:00Z'}`.execute(bank.db)
        ).rows[0]!.n,
      );
    const before = await count('all');
    const recentBefore = await count('recent');
    const again = await runAnomalyDetection(bank, { windowDays: 30, calibrationCustomers: 800, seed: 9 });
    expect(again.windowStart).toBe('2026-10-03T00:00:00Z');
    expect(await count('recent')).toBe(again.flagged);
    expect(await count('all')).toBe(before - recentBefore + again.flagged);
  });
});

describe('runAnomalyDetection in worker threads', () => {
  let dir: string;
  let bank: BankDatabase;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anomaly-workers-'));
    bank = await openDatabase({ sqlitePath: path.join(dir, 'bank.db') });
    await seedBank(bank, { customers: 1500, seed: 31, generatedAt: '2026-11-01T00:00:00Z' });
  });
  afterAll(async () => {
    await bank.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const flags = async () =>
    (await sql<Record<string, unknown>>`select transaction_id, customer_id, ts, amount, score, reasons, model_version from transaction_flags order by transaction_id`.execute(bank.db)).rows;

  it('stores the same flags and counts as scoring in this thread', async () => {
    const alone = await runAnomalyDetection(bank, { pageSize: 200, workers: 0 });
    const single = await flags();
    const progress: number[] = [];
    const threaded = await runAnomalyDetection(bank, { pageSize: 200, workers: 2, onProgress: (p) => p.phase === 'score' && progress.push(p.done) });
    expect(single.length).toBeGreaterThan(0);
    expect(await flags()).toEqual(single);
    const counts = (r: AnomalyRunResult) => ({ customers: r.customers, scored: r.scored, flagged: r.flagged, evaluation: r.evaluation });
    expect(counts(threaded)).toEqual(counts(alone));
    // progress in page order, ending at every customer
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(1500);
  });

  const tableNames = () => (bank.sqlite!.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]).sort();

  it('keeps the previous flags readable, whole, until the run replaces them in one step', async () => {
    const before = await flags();
    expect(before.length).toBeGreaterThan(0);
    // Another connection, as the bot would have, reading while the run scores page after page.
    const reader = await openDatabase({ sqlitePath: path.join(dir, 'bank.db'), migrate: false });
    const seen: number[] = [];
    try {
      const again = await runAnomalyDetection(bank, {
        pageSize: 200,
        workers: 2,
        seed: 5,
        onProgress: (p) => p.phase === 'score' && seen.push(reader.sqlite!.prepare('select count(*) from transaction_flags').pluck().get() as number),
      });
      expect(seen.length).toBeGreaterThan(3);
      expect(new Set(seen)).toEqual(new Set([before.length]));
      expect((await flags()).length).toBe(again.flagged);
      expect(tableNames()).not.toContain('transaction_flags_next');
    } finally {
      await reader.close();
    }
  });

  it('leaves the stored flags as they were when a run fails part-way', async () => {
    const before = await flags();
    let pages = 0;
    const failing = runAnomalyDetection(bank, {
      pageSize: 200,
      workers: 2,
      seed: 6,
      onProgress: (p) => {
        if (p.phase === 'score' && ++pages === 3) throw new Error('the database went away');
      },
    });
    await expect(failing).rejects.toThrow('the database went away');
    expect(await flags()).toEqual(before);
    expect(tableNames()).not.toContain('transaction_flags_next');
  });
});
