/**
 * Training labels as of a snapshot date D with an outcome window [D, W) after it (W = D + 6 months by
 * default). Features only see events before D, labels only events in the window, so nothing the
 * model learns from was unknown on the snapshot date.
 *
 * - default: population = customers holding a credit facility at D that had not defaulted and whose
 *   account was not closed; bad = one of those facilities has a default_date in the window or a
 *   repayment month in the window with days_past_due >= 90.
 * - churn: population = customers with an open current account at D; churned = the current account
 *   was closed in the window. This is how the bank loses a customer in the data: a leaver closes the
 *   everyday accounts (current and savings) on one day, after fading activity, moving money to
 *   another bank and redirecting the salary — those precursors are features, the closure is the label.
 * - propensity (one per product): population = customers with an open current account at D who did
 *   not hold the product at D; positive = opened the product in the window or accepted a campaign
 *   offer for it in the window.
 *
 * Each label array holds -1 for customers outside that population, else 0/1.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { PRODUCT_CODES, type ProductCode } from '../../data/vocabulary';
import { monthKey } from '../features/dates';

export interface LabelRows {
  readonly ids: readonly string[];
  readonly default: Int8Array;
  readonly churn: Int8Array;
  readonly propensity: Readonly<Record<ProductCode, Int8Array>>;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Labels for `ids` (sorted, one id range) with snapshot `d` and window end `w` (exclusive). */
export async function computeLabels(db: Kysely<Database>, ids: readonly string[], d: string, w: string): Promise<LabelRows> {
  if (!(d < w)) throw new Error(`computeLabels: the outcome window must end after the snapshot (${d} … ${w})`);
  const n = ids.length;
  const labels: LabelRows = {
    ids,
    default: new Int8Array(n).fill(-1),
    churn: new Int8Array(n).fill(-1),
    propensity: Object.fromEntries(PRODUCT_CODES.map((p) => [p, new Int8Array(n).fill(-1)])) as Record<ProductCode, Int8Array>,
  };
  if (n === 0) return labels;
  const lo = ids[0];
  const hi = ids[n - 1];
  const row = new Map<string, number>();
  ids.forEach((id, i) => row.set(id, i));

  const [defaults, accounts, accepted] = await Promise.all([
    sql<{ customer_id: string; bad: number }>`SELECT f.customer_id,
        max(CASE WHEN (f.default_date >= ${d} AND f.default_date < ${w}) OR r.facility_id IS NOT NULL THEN 1 ELSE 0 END) AS bad
      FROM credit_facilities f
      JOIN accounts a ON a.id = f.account_id
      LEFT JOIN (
        SELECT facility_id FROM repayments
        WHERE customer_id >= ${lo} AND customer_id <= ${hi} AND month >= ${monthKey(d)} AND month < ${monthKey(w)} AND days_past_due >= 90
        GROUP BY facility_id
      ) r ON r.facility_id = f.id
      WHERE f.customer_id >= ${lo} AND f.customer_id <= ${hi} AND f.opened_date < ${d}
        AND (f.default_date IS NULL OR f.default_date >= ${d})
        AND (a.closed_date IS NULL OR a.closed_date >= ${d})
      GROUP BY f.customer_id`.execute(db),
    sql<{ customer_id: string; product: string; held: number; opened: number; closed: number }>`SELECT customer_id, product,
        max(CASE WHEN opened_date < ${d} AND (closed_date IS NULL OR closed_date >= ${d}) THEN 1 ELSE 0 END) AS held,
        max(CASE WHEN opened_date >= ${d} AND opened_date < ${w} THEN 1 ELSE 0 END) AS opened,
        max(CASE WHEN closed_date >= ${d} AND closed_date < ${w} THEN 1 ELSE 0 END) AS closed
      FROM accounts
      WHERE customer_id >= ${lo} AND customer_id <= ${hi}
      GROUP BY customer_id, product`.execute(db),
    sql<{ customer_id: string; product: string }>`SELECT cc.customer_id, k.product
      FROM campaign_contacts cc JOIN campaigns k ON k.id = cc.campaign_id
      WHERE cc.customer_id >= ${lo} AND cc.customer_id <= ${hi} AND cc.contacted_at >= ${d} AND cc.contacted_at < ${w}
        AND cc.outcome = 'accepted'
      GROUP BY cc.customer_id, k.product`.execute(db),
  ]);

  for (const r of defaults.rows) {
    const i = row.get(r.customer_id);
    if (i !== undefined) labels.default[i] = num(r.bad) > 0 ? 1 : 0;
  }
  const held = new Map<string, Set<string>>();
  const opened = new Map<string, Set<string>>();
  for (const r of accounts.rows) {
    const i = row.get(r.customer_id);
    if (i === undefined) continue;
    if (r.product === 'current_account' && num(r.held) > 0) labels.churn[i] = num(r.closed) > 0 ? 1 : 0;
    if (num(r.held) > 0) setOf(held, r.customer_id).add(r.product);
    if (num(r.opened) > 0) setOf(opened, r.customer_id).add(r.product);
  }
  for (const r of accepted.rows) setOf(opened, r.customer_id).add(r.product);
  for (let i = 0; i < n; i++) {
    if (labels.churn[i] < 0) continue; // not a customer with an everyday account at the snapshot
    const id = ids[i];
    for (const p of PRODUCT_CODES) {
      if (held.get(id)?.has(p)) continue;
      labels.propensity[p][i] = opened.get(id)?.has(p) ? 1 : 0;
    }
  }
  return labels;
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  return s;
}
