import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { streamFeatures } from '../../models/features/stream';
import { computeLabels } from '../../models/training/labels';
import { withModelTables } from '../../models/registry/tables';
import { scoreAllCustomers } from '../../models/scoring/batch';
import { compileForExplain, explainCustomer } from '../../models/scoring/explain';
import { ensureModels } from '../../models/training/ensure-models';
import { createTemporarySchema } from '../support/postgres';

jest.setTimeout(180_000);

const CUSTOMERS = 3000;

/** The same pipeline on PostgreSQL: identical features and labels to SQLite, and a full train-and-score run. */
describe('model pipeline on PostgreSQL', () => {
  let pgBank: BankDatabase;
  let sqliteBank: BankDatabase;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const schema = await createTemporarySchema();
    drop = schema.drop;
    pgBank = await openDatabase({ databaseUrl: schema.url, sqlitePath: ':memory:' });
    sqliteBank = await openDatabase({ sqlitePath: ':memory:' });
    const options = { customers: CUSTOMERS, seed: 13, generatedAt: '2026-11-01T00:00:00Z' };
    await seedBank(pgBank, options);
    await seedBank(sqliteBank, options);
  });
  afterAll(async () => {
    await pgBank?.close();
    await sqliteBank?.close();
    await drop?.();
  });

  it('computes the same features and labels on both engines', async () => {
    for (const asOf of ['2026-05-01', '2026-11-01']) {
      const a = (await streamFeatures(pgBank.db, asOf, { pageSize: 700 }).next()).value!;
      const b = (await streamFeatures(sqliteBank.db, asOf, { pageSize: 700 }).next()).value!;
      expect(a.ids).toEqual(b.ids);
      expect(Array.from(a.active)).toEqual(Array.from(b.active));
      for (let k = 0; k < a.values.length; k++) {
        if (Number.isNaN(b.values[k])) expect(a.values[k]).toBeNaN();
        else expect(a.values[k]).toBeCloseTo(b.values[k], 6);
      }
      const la = await computeLabels(pgBank.db, a.ids, '2026-05-01', '2026-11-01');
      const lb = await computeLabels(sqliteBank.db, b.ids, '2026-05-01', '2026-11-01');
      expect(Array.from(la.default)).toEqual(Array.from(lb.default));
      expect(Array.from(la.churn)).toEqual(Array.from(lb.churn));
      expect(Array.from(la.propensity.credit_card)).toEqual(Array.from(lb.propensity.credit_card));
    }
  });

  it('trains, registers and scores every customer in PostgreSQL', async () => {
    const first = await ensureModels(pgBank, { pageSize: 1000 });
    expect(first.training?.trained.map((t) => t.name)).toContain('churn_gbdt');
    const mdb = withModelTables(pgBank.db);
    const count = await mdb.selectFrom('customer_scores').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(CUSTOMERS);
    const propensity = await mdb.selectFrom('product_propensity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(propensity.n)).toBeGreaterThan(CUSTOMERS);
    const again = await ensureModels(pgBank);
    expect(again.training).toBeNull();
    expect(again.models.churn?.record.version).toBe(1);
    const e = await explainCustomer(pgBank.db, compileForExplain(again.models), 'C000003');
    expect(e?.churn?.contributions.length).toBeGreaterThan(5);

    // The same models on the SQLite copy of the bank store the same rows (upserts vs staging tables).
    await scoreAllCustomers(sqliteBank, again.models, { pageSize: 1000 });
    const read = async (bank: BankDatabase) => {
      const db = withModelTables(bank.db);
      const scores = await db.selectFrom('customer_scores').select(['customer_id', 'credit_band', 'credit_score', 'churn_level', 'churn_probability', 'credit_reasons', 'churn_reasons', 'as_of']).orderBy('customer_id').execute();
      const products = await db.selectFrom('product_propensity').select(['customer_id', 'product', 'score', 'reasons', 'model_version']).orderBy('customer_id').orderBy('product').execute();
      return { scores, products };
    };
    const [pg, lite] = [await read(pgBank), await read(sqliteBank)];
    expect(pg.scores.map((r) => [r.customer_id, r.credit_band, r.churn_level, r.as_of])).toEqual(lite.scores.map((r) => [r.customer_id, r.credit_band, r.churn_level, r.as_of]));
    pg.scores.forEach((r, i) => {
      expect(Number(r.credit_score)).toBeCloseTo(Number(lite.scores[i].credit_score), 2);
      expect(JSON.parse(r.credit_reasons).map((x: { feature: string }) => x.feature)).toEqual(JSON.parse(lite.scores[i].credit_reasons).map((x: { feature: string }) => x.feature));
      expect(JSON.parse(r.churn_reasons).length > 0).toBe(JSON.parse(lite.scores[i].churn_reasons).length > 0);
    });
    expect(pg.products.map((r) => [r.customer_id, r.product, Number(r.model_version)])).toEqual(lite.products.map((r) => [r.customer_id, r.product, Number(r.model_version)]));
    pg.products.forEach((r, i) => expect(Math.abs(Number(r.score) - Number(lite.products[i].score))).toBeLessThanOrEqual(0.0001));
  });
});
