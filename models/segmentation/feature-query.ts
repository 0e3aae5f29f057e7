import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { addDays, daysBetween, parseIsoDay } from './as-of';
import { ACTIVITY_WINDOW_DAYS, SEGMENT_FEATURES, featureIndex } from './features';

/** Products that hold the customer's money (as opposed to what the customer owes). */
const ASSET_PRODUCTS = ['current_account', 'savings_account', 'term_deposit', 'wealth_management', 'fx_remittance'];
const DIGITAL_CHANNELS = ['mobile', 'online'];
const DAYS_PER_MONTH = 365.25 / 12;

/** One page of customers' raw segmentation features, rows in customer id order. */
export interface FeaturePage {
  ids: string[];
  /** ids.length × SEGMENT_FEATURES.length, raw units. */
  data: Float64Array;
}

/**
 * Computes the segmentation features of the next `pageSize` customers with id > `afterId` who had joined by
 * `asOf`, from their accounts open on `asOf` and their transactions of the year before it. Three grouped,
 * parameterised queries per page over an id range, so the same code runs on SQLite and PostgreSQL and
 * memory holds one page at a time.
 */
export async function fetchFeaturePage(bank: BankDatabase, asOf: string, afterId: string, pageSize: number): Promise<FeaturePage> {
  const asOfMs = parseIsoDay(asOf);
  const end = `${addDays(asOf, 1)}T00:00:00Z`;
  const from = `${addDays(asOf, 1 - ACTIVITY_WINDOW_DAYS)}T00:00:00Z`;
  const from90 = `${addDays(asOf, 1 - 90)}T00:00:00Z`;
  const db = bank.db;
  const customers = (
    await sql<{ id: string; birth_date: string; joined_date: string; annual_income: number }>`
      select id, birth_date, joined_date, annual_income from customers
      where id > ${afterId} and joined_date <= ${asOf}
      order by id limit ${pageSize}`.execute(db)
  ).rows;
  const dim = SEGMENT_FEATURES.length;
  const data = new Float64Array(customers.length * dim);
  if (customers.length === 0) return { ids: [], data };
  const first = (customers[0] as (typeof customers)[number]).id;
  const last = (customers[customers.length - 1] as (typeof customers)[number]).id;

  const accounts = (
    await sql<{ customer_id: string; assets: number | null; products: number; owed: number | null; credit_limit: number | null }>`
      select customer_id,
        sum(case when product in (${sql.join(ASSET_PRODUCTS)}) then balance else 0 end) as assets,
        count(distinct product) as products,
        sum(case when credit_limit > 0 then balance else 0 end) as owed,
        sum(case when credit_limit > 0 then credit_limit else 0 end) as credit_limit
      from accounts
      where customer_id >= ${first} and customer_id <= ${last}
        and opened_date <= ${asOf} and (closed_date is null or closed_date > ${asOf})
      group by customer_id`.execute(db)
  ).rows;
  const tx = (
    await sql<{ customer_id: string; n: number; digital: number; cross_border: number; spend: number | null; n90: number }>`
      select customer_id, count(*) as n,
        sum(case when channel in (${sql.join(DIGITAL_CHANNELS)}) then 1 else 0 end) as digital,
        sum(is_cross_border) as cross_border,
        sum(case when direction = ${'debit'} then amount else 0 end) as spend,
        sum(case when ts >= ${from90} then 1 else 0 end) as n90
      from transactions
      where customer_id >= ${first} and customer_id <= ${last} and ts >= ${from} and ts < ${end}
      group by customer_id`.execute(db)
  ).rows;
  const lastTx = (
    await sql<{ customer_id: string; last_ts: string | null }>`
      select customer_id, max(ts) as last_ts from transactions
      where customer_id >= ${first} and customer_id <= ${last} and ts < ${end}
      group by customer_id`.execute(db)
  ).rows;
  const accountsBy = new Map(accounts.map((r) => [r.customer_id, r]));
  const txBy = new Map(tx.map((r) => [r.customer_id, r]));
  const lastBy = new Map(lastTx.map((r) => [r.customer_id, r.last_ts]));

  const col = {
    assets: featureIndex('total_assets'),
    income: featureIndex('annual_income'),
    age: featureIndex('age'),
    products: featureIndex('products_held'),
    digital: featureIndex('digital_share'),
    crossBorder: featureIndex('cross_border_share'),
    perMonth: featureIndex('transactions_per_month'),
    spend: featureIndex('monthly_spend'),
    credit: featureIndex('credit_usage'),
    tenure: featureIndex('tenure_years'),
    idle: featureIndex('days_since_last_transaction'),
    trend: featureIndex('activity_trend'),
  };
  customers.forEach((c, i) => {
    const base = i * dim;
    const a = accountsBy.get(c.id);
    const t = txBy.get(c.id);
    const tenureDays = Math.max(0, daysBetween(c.joined_date, asOfMs));
    const windowDays = Math.max(1, Math.min(ACTIVITY_WINDOW_DAYS, tenureDays + 1));
    const n = Number(t?.n ?? 0);
    const lastTs = lastBy.get(c.id);
    data[base + col.assets] = Math.max(0, Number(a?.assets ?? 0));
    data[base + col.income] = Math.max(0, Number(c.annual_income));
    data[base + col.age] = daysBetween(c.birth_date, asOfMs) / 365.25;
    data[base + col.products] = Number(a?.products ?? 0);
    data[base + col.digital] = n > 0 ? Number(t?.digital ?? 0) / n : 0;
    data[base + col.crossBorder] = n > 0 ? Number(t?.cross_border ?? 0) / n : 0;
    data[base + col.perMonth] = n / (windowDays / DAYS_PER_MONTH);
    data[base + col.spend] = Math.max(0, Number(t?.spend ?? 0)) / (windowDays / DAYS_PER_MONTH);
    const limit = Number(a?.credit_limit ?? 0);
    data[base + col.credit] = limit > 0 ? Math.min(1.5, Math.max(0, Number(a?.owed ?? 0)) / limit) : 0;
    data[base + col.tenure] = tenureDays / 365.25;
    data[base + col.idle] = lastTs ? Math.min(ACTIVITY_WINDOW_DAYS, Math.max(0, daysBetween(lastTs, asOfMs + 86_400_000))) : ACTIVITY_WINDOW_DAYS;
    data[base + col.trend] = n > 0 ? Math.min(3, Number(t?.n90 ?? 0) / 90 / (n / windowDays)) : 0;
  });
  return { ids: customers.map((c) => c.id), data };
}
