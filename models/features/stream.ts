/**
 * Streams feature rows over the whole bank in id-ordered pages, so memory is bounded by one page
 * whatever the number of customers and each page costs one set of grouped queries.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { computeFeatureRows, type CustomerPageRow, type FeatureRows } from './feature-sql';
import { checkIsoDate } from './dates';

export const DEFAULT_PAGE_SIZE = 20_000;

export interface FeatureStreamOptions {
  /** Customers per page (default 20,000). */
  pageSize?: number;
  /** Only customers who had joined before the as-of date (the population that existed then). */
  joinedBefore?: boolean;
}

/** Reads the next page of customers after `after` (exclusive), in id order. */
export async function customerPage(
  db: Kysely<Database>,
  after: string | null,
  limit: number,
  joinedBefore: string | null,
): Promise<CustomerPageRow[]> {
  const result = await sql<CustomerPageRow>`SELECT id, birth_date, joined_date, annual_income, marketing_consent
    FROM customers
    WHERE id > ${after ?? ''} ${joinedBefore === null ? sql`` : sql`AND joined_date < ${joinedBefore}`}
    ORDER BY id
    LIMIT ${limit}`.execute(db);
  return result.rows;
}

/** Yields the features of every customer as of `asOf`, one page at a time. */
export async function* streamFeatures(
  db: Kysely<Database>,
  asOf: string,
  options: FeatureStreamOptions = {},
): AsyncGenerator<FeatureRows> {
  checkIsoDate(asOf, 'asOf');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  let after: string | null = null;
  for (;;) {
    const customers = await customerPage(db, after, pageSize, options.joinedBefore ? asOf : null);
    if (customers.length === 0) return;
    yield await computeFeatureRows(db, asOf, customers);
    after = customers[customers.length - 1].id;
    if (customers.length < pageSize) return;
  }
}

/** Features of one customer as of `asOf` (indexed single-customer queries), or null when the id is unknown. */
export async function featuresForCustomer(db: Kysely<Database>, customerId: string, asOf: string): Promise<FeatureRows | null> {
  checkIsoDate(asOf, 'asOf');
  const result = await sql<CustomerPageRow>`SELECT id, birth_date, joined_date, annual_income, marketing_consent
    FROM customers WHERE id = ${customerId}`.execute(db);
  if (result.rows.length === 0) return null;
  return computeFeatureRows(db, asOf, result.rows);
}

/** The data's "today" (`meta.as_of`); refuses a database without a seeded or imported bank. */
export async function readAsOf(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'as_of').executeTakeFirst();
  if (!row) throw new Error('The database has no meta.as_of date: load a bank first (npm run seed) before training or scoring models');
  checkIsoDate(row.value, 'meta.as_of');
  return row.value;
}
