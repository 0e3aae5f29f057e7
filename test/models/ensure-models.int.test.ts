import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { listModelVersions } from '../../models/registry/repository';
import { ensureModels } from '../../models/training/ensure-models';
import { createTemporarySchema } from '../support/postgres';

describe('ensureModels on PostgreSQL', () => {
  it('trains once when two instances start together on an empty registry; the other loads the result', async () => {
    const schema = await createTemporarySchema();
    const banks: BankDatabase[] = [];
    try {
      const first = await openDatabase({ databaseUrl: schema.url, sqlitePath: ':memory:' });
      banks.push(first);
      await seedBank(first, { customers: 1500, seed: 21 });
      const second = await openDatabase({ databaseUrl: schema.url, sqlitePath: ':memory:' });
      banks.push(second);
      const [a, b] = await Promise.all([ensureModels(first, { seed: 21 }), ensureModels(second, { seed: 21 })]);
      expect([a.training, b.training].filter((t) => t !== null)).toHaveLength(1);
      const versions = await listModelVersions(first.db);
      expect(versions.filter((v) => v.name === 'churn_gbdt').map((v) => v.version)).toEqual([1]);
      expect(a.models.churn?.record.version).toBe(1);
      expect(b.models.churn?.record.version).toBe(1);
    } finally {
      for (const bank of banks) await bank.close();
      await schema.drop();
    }
  });
});
