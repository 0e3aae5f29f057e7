/**
 * How a detection run replaces the flags of its window without anyone seeing half of them.
 *
 * The run's pages write into a staging table (`transaction_flags_next`, same columns, no keys or
 * indexes); at the end one transaction deletes the window's flags from `transaction_flags`, copies
 * the staged ones in and drops the staging table. Staff asking about unusual transactions during a run
 * see the previous run's flags, whole, and a run that fails leaves them as they were. One run at a
 * time per bank: a run drops any staging table left by a run that stopped part-way.
 */
import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import type { AnomalyTables } from './tables';

export const FLAG_STAGING = 'transaction_flags_next';

/** Makes an empty staging table for a run's flags (dropping one a stopped run left behind). */
export async function beginFlagRun(bank: BankDatabase): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(FLAG_STAGING)}`.execute(bank.db);
  await (bank.engine === 'postgres'
    ? sql`CREATE TABLE ${sql.table(FLAG_STAGING)} (LIKE transaction_flags)`
    : sql`CREATE TABLE ${sql.table(FLAG_STAGING)} AS SELECT * FROM transaction_flags WHERE 0`
  ).execute(bank.db);
}

/** Replaces the flags with `ts` in [windowStart, end) by the staged ones, in one transaction. */
export async function finishFlagRun(bank: BankDatabase, windowStart: string, end: string): Promise<void> {
  await bank.db.transaction().execute(async (trx) => {
    await trx.withTables<AnomalyTables>().deleteFrom('transaction_flags').where('ts', '>=', windowStart).where('ts', '<', end).execute();
    // The staging table was made from transaction_flags itself: the same columns in the same order.
    await sql`INSERT INTO transaction_flags SELECT * FROM ${sql.table(FLAG_STAGING)}`.execute(trx);
    await sql`DROP TABLE ${sql.table(FLAG_STAGING)}`.execute(trx);
  });
}

/** After a failed run: drops the staged flags; the stored ones stay as they were. */
export async function abandonFlagRun(bank: BankDatabase): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(FLAG_STAGING)}`.execute(bank.db);
}
