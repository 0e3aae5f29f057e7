/**
 * Feature computation in SQL: for a contiguous range of customer ids, one grouped query per source
 * table (transactions, repayments, accounts, facilities, interactions, campaign contacts), all
 * filtered to what was known as of D. Dates are bound as ISO text, so the same statements run on
 * SQLite and PostgreSQL and use the (customer_id, date) indexes of the schema.
 */
import { sql, type Kysely } from 'kysely';
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

  const [txn, last, rep, acc, fac, inter, camp] = await Promise.all([
    // Every transaction feature looks back at most 180 days, so only those rows are read from the
    // table; the date of the last transaction ever comes from the (customer_id, ts) index alone.
    sql<{
      customer_id: string; n30: number; n90: number; nprev: number; ndigital: number; nxb: number;
      inflow: number; outflow: number; nsalary: number; tout: number;
    }>`SELECT customer_id,
        sum(CASE WHEN ts >= ${w.d30} THEN 1 ELSE 0 END) AS n30,
        sum(CASE WHEN ts >= ${w.d90} THEN 1 ELSE 0 END) AS n90,
        sum(CASE WHEN ts < ${w.d90} THEN 1 ELSE 0 END) AS nprev,
        sum(CASE WHEN ts >= ${w.d90} AND channel IN ('mobile', 'online') THEN 1 ELSE 0 END) AS ndigital,
        sum(CASE WHEN ts >= ${w.d90} AND is_cross_border = 1 THEN 1 ELSE 0 END) AS nxb,
        sum(CASE WHEN ts >= ${w.d90} AND direction = 'credit' THEN amount ELSE 0 END) AS inflow,
        sum(CASE WHEN ts >= ${w.d90} AND direction = 'debit' THEN amount ELSE 0 END) AS outflow,
        sum(CASE WHEN ts >= ${w.d90} AND category IN ('salary', 'pension') THEN 1 ELSE 0 END) AS nsalary,
        sum(CASE WHEN ts >= ${w.d90} AND category = 'transfer_out' THEN amount ELSE 0 END) AS tout
      FROM transactions
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND ts >= ${w.d180} AND ts < ${w.d}
      GROUP BY customer_id`.execute(db),
    // One index seek per customer (max() of an index prefix) instead of reading every index entry.
    sql<{ customer_id: string; last_ts: string | null }>`SELECT c.id AS customer_id,
        (SELECT max(t.ts) FROM transactions t WHERE t.customer_id = c.id AND t.ts < ${w.d}) AS last_ts
      FROM customers c
      WHERE c.id >= ${lo} AND c.id <= ${hi}`.execute(db),
    sql<{ customer_id: string; max_dpd: number; n_dpd30: number; due_last: number }>`SELECT customer_id,
        max(days_past_due) AS max_dpd,
        sum(CASE WHEN days_past_due >= 30 THEN 1 ELSE 0 END) AS n_dpd30,
        sum(CASE WHEN month = ${w.lastMonth} THEN amount_due ELSE 0 END) AS due_last
      FROM repayments
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND month >= ${w.m12} AND month < ${w.mNow}
      GROUP BY customer_id`.execute(db),
    sql<{ customer_id: string; product: string; balance: number; credit_limit: number }>`SELECT customer_id, product,
        sum(balance) AS balance, sum(coalesce(credit_limit, 0)) AS credit_limit
      FROM accounts
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND opened_date < ${w.d} AND (closed_date IS NULL OR closed_date >= ${w.d})
      GROUP BY customer_id, product`.execute(db),
    sql<{ customer_id: string; prior: number }>`SELECT customer_id,
        sum(CASE WHEN default_date IS NOT NULL AND default_date < ${w.d} THEN 1 ELSE 0 END) AS prior
      FROM credit_facilities
      WHERE customer_id >= ${lo} AND customer_id <= ${hi}
      GROUP BY customer_id`.execute(db),
    sql<{ customer_id: string; c12: number; c90: number; open: number }>`SELECT customer_id,
        sum(CASE WHEN type = 'complaint' AND ts >= ${w.d365} THEN 1 ELSE 0 END) AS c12,
        sum(CASE WHEN type = 'complaint' AND ts >= ${w.d90} THEN 1 ELSE 0 END) AS c90,
        sum(CASE WHEN type = 'complaint' AND status = 'open' THEN 1 ELSE 0 END) AS open
      FROM interactions
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND ts < ${w.d}
      GROUP BY customer_id`.execute(db),
    sql<{ customer_id: string; contacts: number; accepted: number; k12: number }>`SELECT customer_id,
        count(*) AS contacts,
        sum(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END) AS accepted,
        sum(CASE WHEN contacted_at >= ${w.d365} THEN 1 ELSE 0 END) AS k12
      FROM campaign_contacts
      WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND contacted_at < ${w.d}
      GROUP BY customer_id`.execute(db),
  ]);

  for (const r of txn.rows) {
    const i = row.get(r.customer_id);
    if (i === undefined) continue;
    const n90 = num(r.n90);
    const nprev = num(r.nprev);
    set(i, C.n30, num(r.n30));
    set(i, C.n90, n90);
    set(i, C.ntrend, nprev > 0 ? n90 / nprev : Number.NaN);
    set(i, C.digital, n90 > 0 ? num(r.ndigital) / n90 : Number.NaN);
    set(i, C.xb, num(r.nxb));
    set(i, C.inflow, num(r.inflow));
    set(i, C.trend, num(r.inflow) - num(r.outflow));
    set(i, C.salary, num(r.nsalary));
    set(i, C.tout, num(r.tout));
    set(i, C.spend, num(r.outflow) - num(r.tout));
  }
  const today = Date.parse(`${w.d}T00:00:00Z`);
  for (const r of last.rows) {
    const i = row.get(r.customer_id);
    if (i !== undefined && r.last_ts) set(i, C.since, Math.max(0, Math.round((today - Date.parse(r.last_ts)) / 86_400_000)));
  }
  for (const r of rep.rows) {
    const i = row.get(r.customer_id);
    if (i === undefined) continue;
    set(i, C.maxDpd, num(r.max_dpd));
    set(i, C.dpd30, num(r.n_dpd30));
    const monthly = values[i * width + C.income] / 12;
    set(i, C.rti, monthly > 0 ? num(r.due_last) / monthly : num(r.due_last) > 0 ? 10 : 0);
  }
  const owed = new Float64Array(n);
  const limit = new Float64Array(n);
  for (const r of acc.rows) {
    const i = row.get(r.customer_id);
    if (i === undefined) continue;
    values[i * width + C.products] += 1;
    if (r.product === 'current_account') active[i] = 1;
    const flag = FEATURE_NAMES.indexOf(`holds_${r.product}`);
    if (flag >= 0) set(i, flag, 1);
    if (CREDIT_PRODUCTS.has(r.product)) {
      values[i * width + C.credit] += 1;
      owed[i] += num(r.balance);
      limit[i] += num(r.credit_limit);
    } else if (DEPOSIT_PRODUCTS.has(r.product)) values[i * width + C.assets] += num(r.balance);
  }
  for (let i = 0; i < n; i++) if (limit[i] > 0) set(i, C.util, Math.min(owed[i] / limit[i], 5));
  for (const r of fac.rows) {
    const i = row.get(r.customer_id);
    if (i !== undefined) set(i, C.priorDef, num(r.prior));
  }
  for (const r of inter.rows) {
    const i = row.get(r.customer_id);
    if (i === undefined) continue;
    set(i, C.c12, num(r.c12));
    set(i, C.c90, num(r.c90));
    set(i, C.open, num(r.open));
  }
  for (const r of camp.rows) {
    const i = row.get(r.customer_id);
    if (i === undefined) continue;
    const contacts = num(r.contacts);
    set(i, C.k12, num(r.k12));
    set(i, C.kRate, contacts > 0 ? num(r.accepted) / contacts : Number.NaN);
  }
  return { asOf, ids, width, values, active };
}
