import { sql } from 'kysely';
import { openDatabase, queryRows, type BankDatabase } from '../../data/database';

describe('queryRows', () => {
  let bank: BankDatabase;
  beforeAll(async () => {
    bank = await openDatabase({ sqlitePath: ':memory:' });
    await sql`INSERT INTO meta (key, value) VALUES ('a', '1'), ('b', '2'), ('c', '3')`.execute(bank.db);
  });
  afterAll(() => bank.close());

  it('returns each row as an array in select-list order, with bound parameters', async () => {
    const rows = await queryRows(bank.db, sql`SELECT value, key, length(key) + ${10} AS n FROM meta WHERE key >= ${'b'} ORDER BY key`);
    expect(rows).toEqual([
      ['2', 'b', 11],
      ['3', 'c', 11],
    ]);
  });

  it('gives the same rows on the second run of a statement and after many different statements', async () => {
    const query = (k: string) => sql`SELECT key FROM meta WHERE key = ${k}`;
    expect(await queryRows(bank.db, query('a'))).toEqual([['a']]);
    for (let i = 0; i < 100; i++) expect(await queryRows(bank.db, sql`SELECT ${i} + ${sql.raw(String(i))}`)).toEqual([[2 * i]]);
    expect(await queryRows(bank.db, query('c'))).toEqual([['c']]);
  });

  it('reads through the transaction inside a Kysely transaction', async () => {
    await bank.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO meta (key, value) VALUES ('d', '4')`.execute(trx);
      expect(await queryRows(trx, sql`SELECT value FROM meta WHERE key = 'd'`)).toEqual([['4']]);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(await queryRows(bank.db, sql`SELECT count(*) FROM meta WHERE key = 'd'`)).toEqual([[0]]);
  });

  it('waits for a transaction another caller has open on the connection, as Kysely queries do', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const writer = bank.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO meta (key, value) VALUES ('e', '5')`.execute(trx);
      inserted();
      await gate;
    });
    await insertedYet;
    let read: unknown[][] | undefined;
    const reading = queryRows(bank.db, sql`SELECT value FROM meta WHERE key = 'e'`).then((rows) => (read = rows));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeUndefined();
    release();
    await writer;
    await reading;
    expect(read).toEqual([['5']]);
  });

  it('reports a malformed statement as SQLite does', async () => {
    // By message: the SQLite error class may come from another test file's module registry, where
    // toThrow does not recognise it as an Error.
    await expect(queryRows(bank.db, sql`SELECT nope FROM meta`)).rejects.toHaveProperty('message', expect.stringMatching(/no such column: nope/));
  });
});
