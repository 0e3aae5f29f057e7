import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import type { Population, TransactionRow } from './types';

const COLUMNS = sql`id, customer_id, ts, amount, direction, channel, category, merchant, country, is_cross_border, injected_anomaly`;
/** Ids per `in (...)` list: far inside both engines' bind-parameter limits. */
const ID_BATCH = 500;

function normalise(r: TransactionRow): TransactionRow {
  // PostgreSQL may hand back numerics as strings on some drivers' settings; keep numbers numbers.
  return { ...r, id: Number(r.id), amount: Number(r.amount), is_cross_border: Number(r.is_cross_border), injected_anomaly: Number(r.injected_anomaly) };
}

/** Groups rows ordered by (customer_id, ts) into one array per customer. */
export function groupByCustomer(rows: readonly TransactionRow[]): Map<string, TransactionRow[]> {
  const out = new Map<string, TransactionRow[]>();
  for (const r of rows) {
    let a = out.get(r.customer_id);
    if (!a) out.set(r.customer_id, (a = []));
    a.push(r);
  }
  return out;
}

/** Customer ids after `afterId`, in id order. */
export async function customerIdPage(bank: BankDatabase, afterId: string, limit: number): Promise<string[]> {
  const rows = (await sql<{ id: string }>`select id from customers where id > ${afterId} order by id limit ${limit}`.execute(bank.db)).rows;
  return rows.map((r) => r.id);
}

/** Transactions before `end` of the customers with ids in [first, last], ordered by customer then time. */
export async function transactionsInIdRange(bank: BankDatabase, first: string, last: string, end: string): Promise<TransactionRow[]> {
  const rows = (
    await sql<TransactionRow>`select ${COLUMNS} from transactions
      where customer_id >= ${first} and customer_id <= ${last} and ts < ${end}
      order by customer_id, ts, id`.execute(bank.db)
  ).rows;
  return rows.map(normalise);
}

/** Transactions before `end` of the given customers, ordered by customer then time. */
export async function transactionsOfCustomers(bank: BankDatabase, ids: readonly string[], end: string): Promise<TransactionRow[]> {
  const out: TransactionRow[] = [];
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    const batch = ids.slice(i, i + ID_BATCH);
    const rows = (
      await sql<TransactionRow>`select ${COLUMNS} from transactions
        where customer_id in (${sql.join(batch)}) and ts < ${end}
        order by customer_id, ts, id`.execute(bank.db)
    ).rows;
    for (const r of rows) out.push(normalise(r));
  }
  return out;
}

/** Share of customers who ever transacted in each country and with each merchant, before `end`. */
export async function populationShares(bank: BankDatabase, end: string): Promise<Omit<Population, 'categoryLogAmount'>> {
  const customers = Number((await sql<{ n: number }>`select count(*) as n from customers`.execute(bank.db)).rows[0]?.n ?? 0);
  const byCountry = (
    await sql<{ key: string; n: number }>`select country as key, count(distinct customer_id) as n from transactions where ts < ${end} group by country`.execute(bank.db)
  ).rows;
  const byMerchant = (
    await sql<{ key: string; n: number }>`select merchant as key, count(distinct customer_id) as n from transactions where ts < ${end} group by merchant`.execute(bank.db)
  ).rows;
  const share = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, customers > 0 ? Number(r.n) / customers : 0]));
  return { customers, countryShare: share(byCountry), merchantShare: share(byMerchant) };
}
