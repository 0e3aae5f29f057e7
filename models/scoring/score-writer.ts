/**
 * Writing a scoring run's rows.
 *
 * SQLite: the run fills empty staging copies of the score tables (`<table>_next`, same columns and
 * primary key, no secondary indexes) page by page, and at the end one transaction replaces the live
 * tables with them and builds their indexes in one sorted pass. Readers see the previous run, whole,
 * until that commit and the new run, whole, after it; a run that fails leaves the live tables as they
 * were. At a million customers this is several times cheaper than updating the (product, score) index
 * one row at a time.
 *
 * PostgreSQL: multi-row parameterised INSERT … ON CONFLICT DO UPDATE statements inside one transaction
 * per page; rows of a scoring run carry its run id and rows of older runs are removed at the end, so
 * every customer always has exactly one row.
 */
import type SqliteDatabase from 'better-sqlite3';
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

/** Name of a table's staging copy on SQLite. */
export const stagingName = (t: UpsertTable) => `${t.table}_next`;

/**
 * Writes one page of rows per table atomically: on SQLite into the staging tables made by
 * `createStaging`, on PostgreSQL as upserts into the live tables.
 */
export async function writePage(bank: BankDatabase, pages: readonly { table: UpsertTable; rows: Value[][] }[]): Promise<void> {
  if (bank.engine === 'sqlite') {
    const sqlite = rawSqlite(bank);
    const write = sqlite.transaction(() => {
      for (const { table, rows } of pages) {
        if (rows.length === 0) continue;
        const stmt = sqlite.prepare(`INSERT INTO ${stagingName(table)} (${table.columns.join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`);
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

function rawSqlite(bank: BankDatabase): SqliteDatabase.Database {
  if (!bank.sqlite) throw new Error('SQLite bank without a raw handle: open it with openDatabase()');
  return bank.sqlite;
}

/** The CREATE statement of a live table with its name replaced by `as`. */
function tableDefinition(sqlite: SqliteDatabase.Database, table: string, as: string): string {
  const ddl = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string | undefined;
  if (!ddl) throw new Error(`Table ${table} is missing: the database has not been migrated`);
  const renamed = ddl.replace(new RegExp(`^CREATE TABLE\\s+(["\`\\[]?)${table}(["\`\\]]?)`, 'i'), `CREATE TABLE "${as}"`);
  if (renamed === ddl) throw new Error(`Unexpected definition of table ${table}: ${ddl.slice(0, 80)}`);
  return renamed;
}

/**
 * SQLite: empty staging copies of `tables` for a new scoring run (any left by a run that stopped
 * part-way are dropped first). One scoring run at a time per bank file.
 */
export function createStaging(bank: BankDatabase, tables: readonly UpsertTable[]): void {
  const sqlite = rawSqlite(bank);
  sqlite.transaction(() => {
    for (const t of tables) {
      const staging = stagingName(t);
      sqlite.exec(`DROP TABLE IF EXISTS ${staging}`);
      sqlite.exec(tableDefinition(sqlite, t.table, staging));
    }
  })();
}

/** SQLite: drops the staging tables of a run that failed. */
export function dropStaging(bank: BankDatabase, tables: readonly UpsertTable[]): void {
  const sqlite = rawSqlite(bank);
  for (const t of tables) sqlite.exec(`DROP TABLE IF EXISTS ${stagingName(t)}`);
}

/**
 * SQLite: in one transaction, replaces each live table by its filled staging copy and rebuilds the
 * live table's secondary indexes (and planner statistics, where ANALYZE has gathered any) on it.
 */
export function replaceWithStaging(bank: BankDatabase, tables: readonly UpsertTable[]): void {
  const sqlite = rawSqlite(bank);
  const hasStats = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`).get() !== undefined;
  sqlite.transaction(() => {
    for (const t of tables) {
      const indexes = sqlite
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`)
        .pluck()
        .all(t.table) as string[];
      const stats = hasStats ? (sqlite.prepare('SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?').all(t.table) as { idx: string | null; stat: string }[]) : [];
      sqlite.exec(`DROP TABLE ${t.table}`);
      sqlite.exec(`ALTER TABLE ${stagingName(t)} RENAME TO ${t.table}`);
      for (const ddl of indexes) sqlite.exec(ddl);
      const restore = sqlite.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
      for (const s of stats) restore.run(t.table, s.idx, s.stat);
    }
  })();
}
