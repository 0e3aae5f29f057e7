import { sql } from 'kysely';
import { createBankLoader, type LoaderOptions } from '../bulk-writer';
import type { BankDatabase } from '../database';
import { generateBank, type BankSummary, type GenerateOptions } from './generate-bank';
import { BANK_TABLES, type BankRow, type BulkWriter, type SeedProgress } from './types';

export interface SeedOptions extends GenerateOptions, LoaderOptions {
  /** Replace an existing bank (every table except the audit log, which is never touched). */
  force?: boolean;
}

/** Raised when the database already holds a bank and `force` was not given. */
export class BankNotEmptyError extends Error {
  readonly code = 'BANK_NOT_EMPTY';
  constructor(readonly customers: number, location: string) {
    super(
      `The bank at ${location} already has ${customers} customers. Seeding would replace them: ` +
        'run it again with --force (npm run seed -- --force) to replace the data, or point DATABASE_URL / --db elsewhere.',
    );
    this.name = 'BankNotEmptyError';
  }
}

/**
 * Loads a fresh synthetic bank into `bank`. Refuses when customers already exist unless `force` is set;
 * leftovers of an interrupted load without customers (branches, staff, meta) are cleared silently. The
 * audit log is append-only and is left as it is.
 *
 * The `meta` rows are written last, after the indexes are rebuilt, so `meta.generated_at` present means
 * the load completed. On failure the open chunk is rolled back (earlier chunks stay; run again with force).
 */
export async function seedBank(
  bank: BankDatabase,
  options: SeedOptions,
  onProgress?: (p: SeedProgress) => void,
): Promise<BankSummary> {
  const existing = await countExisting(bank);
  if (existing.customers > 0 && !options.force) throw new BankNotEmptyError(existing.customers, bank.location);
  if (existing.nonEmptyTables > 0) await emptyBankTables(bank);

  const loader = createBankLoader(bank, options);
  const meta: BankRow<'meta'>[] = [];
  const writer: BulkWriter = {
    insert: async (table, rows) => {
      if (table === 'meta') meta.push(...(rows as readonly BankRow<'meta'>[]));
      else await loader.insert(table, rows);
    },
    flush: () => loader.flush(),
  };
  let summary: BankSummary;
  try {
    summary = await generateBank(options, writer, onProgress);
  } catch (err) {
    await loader.abort();
    throw err;
  }
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  onProgress?.({ phase: 'indexes', done: options.customers, total: options.customers, rows });
  await loader.finish();
  if (bank.engine === 'sqlite') bank.sqlite?.exec('ANALYZE');
  else await sql`ANALYZE ${sql.join(BANK_TABLES.map((t) => sql.table(t)))}`.execute(bank.db);
  await bank.db.insertInto('meta').values(meta).execute();
  onProgress?.({ phase: 'done', done: options.customers, total: options.customers, rows });
  return summary;
}

async function countExisting(bank: BankDatabase): Promise<{ customers: number; nonEmptyTables: number }> {
  const r = await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const customers = Number(r.n);
  let nonEmptyTables = 0;
  for (const table of BANK_TABLES) {
    const any = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(table)} LIMIT 1`.execute(bank.db);
    if (any.rows.length > 0) nonEmptyTables++;
  }
  return { customers, nonEmptyTables };
}

/**
 * Per-customer results computed from the previous data (scores, propensities, segment assignments,
 * flagged transactions). They name customers and transactions that a new bank reuses for different
 * people, so they are cleared with it when present; trained models themselves are kept.
 */
export const DERIVED_TABLES = ['customer_scores', 'product_propensity', 'customer_segments', 'transaction_flags', 'customer_balances'] as const;

/** Empties every bank table and the derived per-customer results; never the audit log. */
export async function emptyBankTables(bank: BankDatabase): Promise<void> {
  const present = new Set((await bank.db.introspection.getTables()).map((t) => t.name));
  const tables: string[] = [...BANK_TABLES, ...DERIVED_TABLES.filter((t) => present.has(t))];
  if (bank.engine === 'postgres') {
    await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))}`.execute(bank.db);
    return;
  }
  await bank.db.transaction().execute(async (tx) => {
    for (const table of tables) await sql`DELETE FROM ${sql.table(table)}`.execute(tx);
  });
}
