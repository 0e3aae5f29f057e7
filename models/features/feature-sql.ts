/**
 * Feature computation in SQL: for a contiguous range of customer ids, grouped queries over each source
 * table (transactions, repayments, accounts, facilities, interactions, campaign contacts), all
 * filtered to what was known as of D. Dates are bound as ISO text, so the same statements run on
 * SQLite and PostgreSQL and use the (customer_id, date) indexes of the schema.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { queryRows } from '../../data/database';
import type { Database } from '../../data/schema';
import { FEATURE_NAMES, featureIndex } from './catalogue';
import { addDays, addMonths, monthKey, monthsBetween, yearsBetween } from './dates';

/** Feature rows of many customers: `values[row * width + column]`, columns in catalogue order, NaN = missing. */
export interface FeatureRows {
  readonly asOf: string;
  readonly ids: string[];
  readonly width: number;
  readonly values: Float64Array;
  /** 1 when the customer held an open current account as of the date (still banks with us). */
  readonly active: Uint8Array;
}

/** The customers of one page, as read from the customers table. */
export interface CustomerPageRow {
  id: string;
  birth_date: string;
  joined_date: string;
  annual_income: number;
  marketing_consent: number;
}

const CREDIT_PRODUCTS = new Set(['credit_card', 'personal_loan', 'mortgage', 'sme_loan']);
const DEPOSIT_PRODUCTS = new Set(['current_account', 'savings_account', 'term_deposit', 'wealth_management', 'fx_remittance']);

interface Window {
  d: string;
  d30: string;
  d90: string;
  d180: string;
  d365: string;
  m12: string;
  mNow: string;
  lastMonth: string;
}

function windowOf(asOf: string): Window {
  return {
    d: asOf,
    d30: addDays(asOf, -30),
    d90: addDays(asOf, -90),
    d180: addDays(asOf, -180),
    d365: addDays(asOf, -365),
    m12: monthKey(addMonths(asOf, -12)),
    mNow: monthKey(asOf),
    lastMonth: monthKey(addMonths(asOf, -1)),
  };
}

/** Catalogue column of the `holds_<product>` flag, -1 for a product without one. */
const holdsColumns = new Map<string, number>();
function holdsColumn(product: string): number {
  let c = holdsColumns.get(product);
  if (c === undefined) {
    c = FEATURE_NAMES.indexOf(`holds_${product}`);
    holdsColumns.set(product, c);
  }
  return c;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Computes every catalogue feature as of `asOf` for `customers` (sorted by id, contiguous in id order:
 * the grouped queries select the id range first…last). Customers absent from a source table get the
 * neutral value (0 counts, missing ratios).
 */
export async function computeFeatureRows(db: Kysely<Database>, asOf: string, customers: readonly CustomerPageRow[]): Promise<FeatureRows> {
  const width = FEATURE_NAMES.length;
  const n = customers.length;
  const values = new Float64Array(n * width);
  const ids = customers.map((c) => c.id);
  const active = new Uint8Array(n);
  if (n === 0) return { asOf, ids, width, values, active };
  const lo = ids[0];
  const hi = ids[n - 1];
  const w = windowOf(asOf);
  const row = new Map<string, number>();
  ids.forEach((id, i) => row.set(id, i));
  const col = (name: string) => featureIndex(name);
  const set = (i: number, c: number, v: number) => {
    values[i * width + c] = v;
  };

  const C = {
    age: col('age'), tenure: col('tenure_months'), income: col('income'), consent: col('marketing_consent'),
    products: col('products_held'), credit: col('credit_products_held'), trend: col('balance_trend_3m'),
    inflow: col('inflow_3m'), salary: col('salary_credits_3m'), tout: col('transfer_out_3m'), spend: col('spend_3m'),
    n30: col('txn_count_30d'), n90: col('txn_count_90d'), ntrend: col('txn_count_trend'), since: col('days_since_last_txn'),
    digital: col('digital_share'), xb: col('cross_border_count_90d'), maxDpd: col('max_dpd_12m'), dpd30: col('count_dpd30_12m'),
    rti: col('repayment_to_income'), priorDef: col('prior_defaults'), c12: col('complaints_12m'), c90: col('complaints_90d'),
    k12: col('campaign_contacts_12m'), kRate: col('campaign_accept_rate'), assets: col('total_assets'),
    util: col('credit_utilisation'), open: col('open_complaints'),
  };

  for (let i = 0; i < n; i++) {
    const c = customers[i];
    set(i, C.age, yearsBetween(c.birth_date, asOf));
    set(i, C.tenure, Math.max(0, monthsBetween(c.joined_date, asOf)));
    set(i, C.income, num(c.annual_income));
    set(i, C.consent, num(c.marketing_consent));
    // Ratios without a denominator are missing, not zero: "never contacted" is not "always declined".
    for (const k of [C.ntrend, C.since, C.digital, C.kRate, C.util]) set(i, k, Number.NaN);
  }

  const rows = (query: RawBuilder<unknown>) => queryRows(db, query);
  const [recent, history, rep, acc, fac, inter, camp] = await Promise.all([
    // Every transaction feature looks back at most 180 days. The last 90 days are read from the
    // table with one (customer_id, ts) index range per customer…
    rows(sql`SELECT c.id,
        count(*) AS n90,
        count(*) FILTER (WHERE t.ts >= ${w.d30}) AS n30,
        count(*) FILTER (WHERE t.channel IN ('mobile', 'online')) AS ndigital,
        count(*) FILTER (WHERE t.is_cross_border = 1) AS nxb,
        sum(t.amount) FILTER (WHERE t.direction = 'credit') AS inflow,
        sum(t.amount) FILTER (WHERE t.direction = 'debit') AS outflow,
        count(*) FILTER (WHERE t.category IN ('salary', 'pension')) AS nsalary,
        sum(t.amount) FILTER (WHERE t.category = 'transfer_out') AS tout
      FROM customers c
      JOIN transactions t ON t.customer_id = c.id AND t.ts >= ${w.d90} AND t.ts < ${w.d}
      WHERE c.id >= ${lo} AND c.id <= ${hi}
      GROUP BY c.id`),
    // …and the 90 days before them, and the date of the last transaction ever, come from the index
    // alone: a count over one index range and one max() seek per customer.
    rows(sql`SELECT c.id,
        (SELECT count(*) FROM transactions t WHERE t.customer_id = c.id AND t.ts >= ${w.d180} AND t.ts < ${w.d90}) AS nprev,
        (SELECT max(t.ts) FROM transactions t WHERE t.customer_id = c.id AND t.ts < ${w.d}) AS last_ts
      FROM customers c
      WHERE c.id >= ${lo} AND c.id <= ${hi}`),
    rows(sql`SELECT customer_id,
        max(days_past_due) AS max_dpd,
        sum(CASE WHEN days_past_due >= 30 THEN 1 ELSE 0 END) AS n_dpd30,
        sum(CASE WHEN month = ${w.lastMonth} THEN amount_due ELSE 0 END) AS due_last
      FROM repayments
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND month >= ${w.m12} AND month < ${w.mNow}
      GROUP BY customer_id`),
    rows(sql`SELECT customer_id, product,
        sum(balance) AS balance, sum(coalesce(credit_limit, 0)) AS credit_limit
      FROM accounts
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND opened_date < ${w.d} AND (closed_date IS NULL OR closed_date >= ${w.d})
      GROUP BY customer_id, product`),
    rows(sql`SELECT customer_id,
        sum(CASE WHEN default_date IS NOT NULL AND default_date < ${w.d} THEN 1 ELSE 0 END) AS prior
      FROM credit_facilities
      WHERE customer_id >= ${lo} AND customer_id <= ${hi}
      GROUP BY customer_id`),
    rows(sql`SELECT customer_id,
        sum(CASE WHEN type = 'complaint' AND ts >= ${w.d365} THEN 1 ELSE 0 END) AS c12,
        sum(CASE WHEN type = 'complaint' AND ts >= ${w.d90} THEN 1 ELSE 0 END) AS c90,
        sum(CASE WHEN type = 'complaint' AND status = 'open' THEN 1 ELSE 0 END) AS open
      FROM interactions
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND ts < ${w.d}
      GROUP BY customer_id`),
    rows(sql`SELECT customer_id,
        count(*) AS contacts,
        sum(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END) AS accepted,
        sum(CASE WHEN contacted_at >= ${w.d365} THEN 1 ELSE 0 END) AS k12
      FROM campaign_contacts
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND contacted_at < ${w.d}
      GROUP BY customer_id`),
  ]);

  // Rows come as arrays in select-list order (queryRows), each led by the customer id.
  const n90 = new Float64Array(n);
  for (const [id, count, n30, ndigital, nxb, inflow, outflow, nsalary, tout] of recent) {
    const i = row.get(id as string);
    if (i === undefined) continue;
    n90[i] = num(count);
    set(i, C.n30, num(n30));
    set(i, C.n90, n90[i]);
    set(i, C.digital, n90[i] > 0 ? num(ndigital) / n90[i] : Number.NaN);
    set(i, C.xb, num(nxb));
    set(i, C.inflow, num(inflow));
    set(i, C.trend, num(inflow) - num(outflow));
    set(i, C.salary, num(nsalary));
    set(i, C.tout, num(tout));
    set(i, C.spend, num(outflow) - num(tout));
  }
  const today = Date.parse(`${w.d}T00:00:00Z`);
  for (const [id, nprev, lastTs] of history) {
    const i = row.get(id as string);
    if (i === undefined) continue;
    if (num(nprev) > 0) set(i, C.ntrend, n90[i] / num(nprev));
    if (lastTs) set(i, C.since, Math.max(0, Math.round((today - Date.parse(lastTs as string)) / 86_400_000)));
  }
  for (const [id, maxDpd, nDpd30, dueLast] of rep) {
    const i = row.get(id as string);
    if (i === undefined) continue;
    set(i, C.maxDpd, num(maxDpd));
    set(i, C.dpd30, num(nDpd30));
    const monthly = values[i * width + C.income] / 12;
    set(i, C.rti, monthly > 0 ? num(dueLast) / monthly : num(dueLast) > 0 ? 10 : 0);
  }
  const owed = new Float64Array(n);
  const limit = new Float64Array(n);
  for (const [id, product, balance, creditLimit] of acc) {
    const i = row.get(id as string);
    if (i === undefined) continue;
    values[i * width + C.products] += 1;
    if (product === 'current_account') active[i] = 1;
    const flag = holdsColumn(product as string);
    if (flag >= 0) set(i, flag, 1);
    if (CREDIT_PRODUCTS.has(product as string)) {
      values[i * width + C.credit] += 1;
      owed[i] += num(balance);
      limit[i] += num(creditLimit);
    } else if (DEPOSIT_PRODUCTS.has(product as string)) values[i * width + C.assets] += num(balance);
  }
  for (let i = 0; i < n; i++) if (limit[i] > 0) set(i, C.util, Math.min(owed[i] / limit[i], 5));
  for (const [id, prior] of fac) {
    const i = row.get(id as string);
    if (i !== undefined) set(i, C.priorDef, num(prior));
  }
  for (const [id, c12, c90, open] of inter) {
    const i = row.get(id as string);
    if (i === undefined) continue;
    set(i, C.c12, num(c12));
    set(i, C.c90, num(c90));
    set(i, C.open, num(open));
  }
  for (const [id, contacts, accepted, k12] of camp) {
    const i = row.get(id as string);
    if (i === undefined) continue;
    set(i, C.k12, num(k12));
    set(i, C.kRate, num(contacts) > 0 ? num(accepted) / num(contacts) : Number.NaN);
  }
  return { asOf, ids, width, values, active };
}
