/**
 * Bulk upserts of score rows: on SQLite one prepared statement inside one transaction per page; on
 * PostgreSQL multi-row parameterised INSERT … ON CONFLICT DO UPDATE statements inside one transaction
 * per page. Rows of a scoring run carry its run id; rows of older runs are removed at the end, so
 * every customer always has exactly one consistent row.
 */
import type { BankDatabase } from '../../data/database';

export interface UpsertTable {
  table: 'customer_scores' | 'product_propensity';
  columns: readonly string[];
  key: readonly string[];
}

export const CUSTOMER_SCORES: UpsertTable = {
  table: 'customer_scores',
  columns: [
    'customer_id', 'as_of', 'credit_score', 'credit_band', 'pd', 'credit_reasons', 'churn_probability', 'churn_level',
    'churn_reasons', 'credit_model_version', 'churn_model_version', 'run_id',
  ],
  key: ['customer_id'],
};

export const PRODUCT_PROPENSITY: UpsertTable = {
  table: 'product_propensity',
  columns: ['customer_id', 'product', 'score', 'reasons', 'as_of', 'model_version', 'run_id'],
  key: ['customer_id', 'product'],
};

type Value = string | number | null;

function upsertSql(t: UpsertTable, rows: number, placeholder: (i: number) => string): string {
  const width = t.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${t.columns.map((_, c) => placeholder(r * width + c)).join(', ')})`);
  const updates = t.columns.filter((c) => !t.key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${t.table} (${t.columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${t.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}

const PG_ROWS_PER_STATEMENT = 1000;

/** Writes one page of rows per table atomically. */
export async function writePage(bank: BankDatabase, pages: readonly { table: UpsertTable; rows: Value[][] }[]): Promise<void> {
  if (bank.engine === 'sqlite') {
    const sqlite = bank.sqlite;
    if (!sqlite) throw new Error('SQLite bank without a raw handle: open it with openDatabase()');
    const write = sqlite.transaction(() => {
      for (const { table, rows } of pages) {
        if (rows.length === 0) continue;
        const stmt = sqlite.prepare(upsertSql(table, 1, () => '?'));
        for (const row of rows) stmt.run(row);
      }
    });
    write();
    return;
  }
  const pool = bank.pgPool;
  if (!pool) throw new Error('PostgreSQL bank without a pool: open it with openDatabase()');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const { table, rows } of pages) {
      for (let from = 0; from < rows.length; from += PG_ROWS_PER_STATEMENT) {
        const batch = rows.slice(from, from + PG_ROWS_PER_STATEMENT);
        const name = batch.length === PG_ROWS_PER_STATEMENT ? `upsert_${table.table}_${batch.length}` : undefined;
        await client.query({ name, text: upsertSql(table, batch.length, (i) => `$${i + 1}`), values: batch.flat() });
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
