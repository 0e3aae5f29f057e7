import { drawCampaignContacts } from './campaign-contacts';
import { customerRows, drawProfile } from './customer-profile';
import { formatDay, parseDay } from './dates';
import { drawOrganicOpenings, materialiseHoldings, type IdCounters } from './holdings';
import { drawInteractions } from './interactions';
import { branchRows, campaignRows, staffRows } from './reference';
import { drawTransactions } from './transactions';
import { BANK_TABLES, emptyChunk, type BankRow, type BankTable, type BulkWriter, type ChunkRows, type SeedProgress } from './types';
import { makeWorld, type World } from './world';

/** Bumped whenever the same seed would produce different rows. Stored in `meta.generator_version`. */
export const GENERATOR_VERSION = '1.0.0';
export const DEFAULT_AS_OF = '2026-11-01';
export const MAX_CUSTOMERS = 9_999_999;
/** Above this many customers everyday transactions are thinned by default, so 1M customers fit in a few GB. */
export const LARGE_BANK = 200_000;
export const LARGE_BANK_DENSITY = 0.35;

export interface GenerateOptions {
  /** Number of customers, 1 … 9,999,999. */
  customers: number;
  /** Any integer; the same seed and options always give the same rows. */
  seed: number;
  /** The data's "today" (`YYYY-MM-DD`); default 2026-11-01. */
  asOf?: string;
  /** Customers generated and written per chunk (memory bound); does not change the output. Default 500 (small chunks keep rows in the young generation of the garbage collector). */
  chunkSize?: number;
  /** Multiplies the number of everyday transactions per customer; default 1, or 0.35 above 200,000 customers. */
  transactionDensity?: number;
  /** Written to `meta.generated_at`; default now. Fix it to make `meta` reproducible too. */
  generatedAt?: string;
}

export interface BankSummary {
  customers: number;
  seed: number;
  asOf: string;
  /** Training snapshot date (asOf − 6 months), also in `meta.snapshot_date`. */
  snapshotDate: string;
  historyStart: string;
  generatorVersion: string;
  transactionDensity: number;
  rows: Record<BankTable, number>;
}

/**
 * Generates the synthetic bank and streams it to `writer`, one chunk of customers at a time, so memory
 * stays flat whatever the size. Every customer draws from its own random stream (seed, index), so the
 * output is identical for any chunk size and on any engine.
 */
export async function generateBank(
  options: GenerateOptions,
  writer: BulkWriter,
  onProgress?: (p: SeedProgress) => void,
): Promise<BankSummary> {
  const { customers, seed } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw new Error(`customers must be a whole number from 1 to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const chunkSize = options.chunkSize ?? 500;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunkSize must be a positive integer, got ${chunkSize}`);
  const density = options.transactionDensity ?? (customers > LARGE_BANK ? LARGE_BANK_DENSITY : 1);
  if (!(density > 0 && density <= 10)) throw new Error(`transactionDensity must be in (0, 10], got ${density}`);
  const world = makeWorld(seed, customers, parseDay(options.asOf ?? DEFAULT_AS_OF), density);

  const rows = Object.fromEntries(BANK_TABLES.map((t) => [t, 0])) as Record<BankTable, number>;
  let written = 0;
  const write = async (chunk: ChunkRows) => {
    for (const table of BANK_TABLES) {
      const list = chunk[table] as BankRow<typeof table>[];
      if (list.length === 0) continue;
      if (table !== 'meta') rows[table] += list.length;
      written += list.length;
      await writer.insert(table, list);
    }
    await writer.flush();
  };

  onProgress?.({ phase: 'reference', done: 0, total: customers, rows: 0 });
  const reference = emptyChunk();
  reference.branches = branchRows();
  reference.staff = staffRows(seed, world.rmsByBranch);
  reference.campaigns = campaignRows(world.campaigns);
  await write(reference);

  const ids: IdCounters = { account: 0, facility: 0, interaction: 0, transaction: 0 };
  for (let from = 0; from < customers; from += chunkSize) {
    const to = Math.min(customers, from + chunkSize);
    const chunk = emptyChunk();
    for (let i = from; i < to; i++) appendCustomer(world, i, ids, chunk);
    await write(chunk);
    onProgress?.({ phase: 'customers', done: to, total: customers, rows: written });
  }

  const summary: BankSummary = {
    customers,
    seed,
    asOf: formatDay(world.asOf),
    snapshotDate: formatDay(world.snapshot),
    historyStart: formatDay(world.historyStart),
    generatorVersion: GENERATOR_VERSION,
    transactionDensity: density,
    rows,
  };
  const meta = emptyChunk();
  meta.meta = metaRows(summary, options.generatedAt ?? new Date().toISOString());
  // Counted before writing so that meta.row_counts, the last meta row, is complete.
  rows.meta = meta.meta.length + 1;
  meta.meta.push({ key: 'row_counts', value: JSON.stringify(rows) });
  await write(meta);
  return summary;
}

/** All rows of one customer, in the order the dependencies require. */
export function appendCustomer(world: World, index: number, ids: IdCounters, out: ChunkRows): void {
  const profile = drawProfile(world, index);
  const { customer, traits } = customerRows(profile);
  out.customers.push(customer);
  out.customer_traits.push(traits);
  const organic = drawOrganicOpenings(world, profile);
  const contacts = drawCampaignContacts(world, profile, organic);
  out.campaign_contacts.push(...contacts.rows);
  const held = materialiseHoldings(world, profile, [...organic, ...contacts.openings], ids);
  out.accounts.push(...held.accounts);
  out.credit_facilities.push(...held.facilities);
  out.repayments.push(...held.repayments);
  out.transactions.push(...drawTransactions(world, profile, held.holdings, ids));
  out.interactions.push(...drawInteractions(world, profile, ids));
}

function metaRows(s: BankSummary, generatedAt: string): BankRow<'meta'>[] {
  return [
    { key: 'as_of', value: s.asOf },
    { key: 'snapshot_date', value: s.snapshotDate },
    { key: 'history_start', value: s.historyStart },
    { key: 'seed', value: String(s.seed) },
    { key: 'customers', value: String(s.customers) },
    { key: 'generated_at', value: generatedAt },
    { key: 'generator_version', value: s.generatorVersion },
    { key: 'transaction_density', value: String(s.transactionDensity) },
  ];
}
