import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a `YYYY-MM-DD` date and returns its UTC midnight in milliseconds. */
export function parseIsoDay(day: string, name = 'asOf'): number {
  const ms = ISO_DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new Error(`${name} must be a date like 2026-11-01, got "${day}"`);
  }
  return ms;
}

export function addDays(day: string, n: number): string {
  return new Date(parseIsoDay(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole and fractional days from `from` (a date or timestamp) to the `asOf` day's midnight. */
export function daysBetween(from: string, asOfMs: number): number {
  const t = Date.parse(from.length === 10 ? `${from}T00:00:00Z` : from);
  if (!Number.isFinite(t)) throw new Error(`not a date or timestamp: "${from}"`);
  return (asOfMs - t) / DAY_MS;
}

/**
 * The date models run "as of": the given one, else the loaded data's `meta.as_of`, else today (UTC).
 * Transactions strictly before `asOf + 1 day` (i.e. up to the end of that day) are history.
 */
export async function resolveAsOf(bank: BankDatabase, asOf?: string): Promise<string> {
  if (asOf !== undefined) {
    parseIsoDay(asOf);
    return asOf;
  }
  const row = (await sql<{ value: string }>`select value from meta where key = ${'as_of'}`.execute(bank.db)).rows[0];
  if (row) {
    parseIsoDay(row.value, 'meta.as_of');
    return row.value;
  }
  return new Date().toISOString().slice(0, 10);
}
