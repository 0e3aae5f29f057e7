import { sql } from 'kysely';
import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { customerFlags, runAnomalyDetection } from '../../models/anomaly';
import { loadSegmentation, runSegmentation } from '../../models/segmentation';
import { createTemporarySchema } from '../support/postgres';

jest.setTimeout(300_000);

const BANK = { customers: 1200, seed: 19, generatedAt: '2026-11-01T00:00:00Z' };

/** Both steps on PostgreSQL give the same segments and the same flags as on SQLite for the same bank and seed. */
describe('segmentation and anomaly steps on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTemporarySchema>>;
  let pg: BankDatabase;
  let lite: BankDatabase;

  beforeAll(async () => {
    schema = await createTemporarySchema();
    pg = await openDatabase({ databaseUrl: schema.url, sqlitePath: ':memory:' });
    lite = await openDatabase({ sqlitePath: ':memory:' });
    await seedBank(pg, BANK);
    await seedBank(lite, BANK);
  });
  afterAll(async () => {
    await pg?.close();
    await lite?.close();
    await schema?.drop();
  });

  it('segments the same customers into the same segments', async () => {
    const options = { kRange: [3, 5] as const, seed: 3, pageSize: 500, trainedAt: '2026-11-02T00:00:00Z' };
    const onPg = await runSegmentation(pg, options);
    const onLite = await runSegmentation(lite, options);
    expect(pg.engine).toBe('postgres');
    expect(onPg.k).toBe(onLite.k);
    expect(onPg.segments).toEqual(onLite.segments);
    const rows = (db: BankDatabase) =>
      sql<{ customer_id: string; segment_id: number }>`select customer_id, segment_id from customer_segments order by customer_id`.execute(db.db);
    expect((await rows(pg)).rows.map((r) => [r.customer_id, Number(r.segment_id)])).toEqual((await rows(lite)).rows.map((r) => [r.customer_id, Number(r.segment_id)]));
    const loaded = await loadSegmentation(pg.db);
    expect(loaded?.model.version).toBe(onPg.modelVersion);
  });

  it('flags the same transactions with the same scores', async () => {
    const onPg = await runAnomalyDetection(pg, { windowDays: 365, pageSize: 400 });
    const onLite = await runAnomalyDetection(lite, { windowDays: 365, pageSize: 400 });
    expect(onPg.scored).toBe(onLite.scored);
    expect(onPg.flagged).toBe(onLite.flagged);
    expect(onPg.flagged).toBeGreaterThan(0);
    expect(onPg.evaluation).toEqual(onLite.evaluation);
    const flags = (db: BankDatabase) =>
      sql<{ transaction_id: number; score: number }>`select transaction_id, score from transaction_flags order by transaction_id`.execute(db.db);
    const a = (await flags(pg)).rows.map((r) => [Number(r.transaction_id), Number(r.score)]);
    const b = (await flags(lite)).rows.map((r) => [Number(r.transaction_id), Number(r.score)]);
    expect(a).toEqual(b);
    const first = (await sql<{ customer_id: string }>`select customer_id from transaction_flags order by customer_id limit 1`.execute(pg.db)).rows[0]!;
    const mine = await customerFlags(pg, first.customer_id, '2025-11-01T00:00:00Z');
    expect(mine.length).toBeGreaterThan(0);
    expect(typeof mine[0]!.transaction_id).toBe('number');
  });
});
