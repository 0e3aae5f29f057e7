import { openDatabase, type BankDatabase } from '../../data/database';
import { createBankLoader } from '../../data/bulk-writer';
import { generateBank } from '../../data/generator/generate-bank';
import { BankNotEmptyError, seedBank } from '../../data/generator/seed-bank';
import { BANK_TABLES, TABLE_COLUMNS, type BankRow, type BankTable, type BulkWriter } from '../../data/generator/types';
import { createTemporarySchema } from '../support/postgres';

class CollectingWriter implements BulkWriter {
  readonly rows = new Map<BankTable, unknown[]>();
  async insert<T extends BankTable>(table: T, rows: readonly BankRow<T>[]): Promise<void> {
    this.rows.set(table, [...(this.rows.get(table) ?? []), ...rows]);
  }
  async flush(): Promise<void> {}
}

const canonical = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
const OPTIONS = { customers: 300, seed: 11, generatedAt: '2026-11-01T00:00:00.000Z', chunkSize: 70 };

describe('synthetic bank on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTemporarySchema>>;
  let bank: BankDatabase;

  beforeAll(async () => {
    schema = await createTemporarySchema();
    bank = await openDatabase({ databaseUrl: schema.url, sqlitePath: ':memory:' });
  });
  afterAll(async () => {
    await bank?.close();
    await schema?.drop();
  });

  it('stores exactly the rows the generator produces (the same as on SQLite)', async () => {
    await seedBank(bank, OPTIONS);
    const expected = new CollectingWriter();
    await generateBank(OPTIONS, expected);
    for (const table of BANK_TABLES) {
      const columns = TABLE_COLUMNS[table] as readonly string[];
      const stored = await bank.db.selectFrom(table).select(columns as never[]).execute();
      expect({ table, rows: canonical(stored) }).toEqual({ table, rows: canonical(expected.rows.get(table) ?? []) });
    }
  });

  it('refuses to reseed without force and replaces the bank with force', async () => {
    await expect(seedBank(bank, { customers: 20, seed: 1 })).rejects.toBeInstanceOf(BankNotEmptyError);
    const summary = await seedBank(bank, { customers: 20, seed: 1, force: true });
    const n = await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(20);
    expect(summary.rows.customers).toBe(20);
  });

  it('reports a failed statement of a queued chunk and rolls the chunk back', async () => {
    const loader = createBankLoader(bank);
    const branch = { id: 'B99', name: 'Test Branch', name_zh: '测试支行', city: 'Beijing' };
    await loader.insert('branches', [branch, branch]);
    await expect(loader.finish()).rejects.toThrow(/duplicate key/);
    await loader.abort();
    const rows = await bank.db.selectFrom('branches').selectAll().where('id', '=', 'B99').execute();
    expect(rows).toHaveLength(0);
  });
});
