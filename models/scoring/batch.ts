/**
 * Batch scoring: every customer as of the data's "today", credit and churn scores with their top
 * reasons into customer_scores, and for every product a customer does not hold yet (and who still
 * banks with us) the take-up propensity with its reasons into product_propensity.
 *
 * Churn is scored for customers who still hold an open current account (the population the model
 * was trained on); for customers who have left, the churn columns are null. Churn reasons are exact
 * TreeSHAP values, stored for medium and high churn risk only (low risk stores '[]': nobody is called
 * about it, and it is four customers in five). Propensity reasons use path attribution, which costs
 * one prediction instead of a full TreeSHAP pass, and are stored only for the rows that can head a
 * campaign list (the top `reasonShare` of each product in each page); other rows store '[]' and the
 * campaign list explains them on demand. Scores come from a plain prediction for every row, so they do
 * not depend on which rows carry reasons. The single-customer explanation (explain.ts) recomputes
 * everything exactly.
 */
import type { BankDatabase } from '../../data/database';
import { PRODUCT_CODES, type ProductCode } from '../../data/vocabulary';
import { featureIndex } from '../features/catalogue';
import { readAsOf, streamFeatures } from '../features/stream';
import { withModelTables } from '../registry/tables';
import type { ActiveModels } from '../registry/types';
import { CompiledScorecard, CompiledTreeModel } from './compiled';
import { churnLevel } from './levels';
import { CUSTOMER_SCORES, PRODUCT_PROPENSITY, writePage } from './score-writer';

/** Default share of each product's rows per page that store their propensity reasons. */
export const DEFAULT_REASON_SHARE = 0.2;

export interface ScoringOptions {
  /** Date to score as of (default meta.as_of). */
  asOf?: string;
  pageSize?: number;
  onProgress?: (line: string) => void;
  /** Run id written into the rows (default: the as-of date and the current time). */
  runId?: string;
  /**
   * Share (0–1) of each product's offerable customers in every page whose propensity reasons are
   * stored (the highest scores; default 0.2). The other rows store '[]' and lists that reach them
   * explain them on demand. 1 stores reasons for every row.
   */
  reasonShare?: number;
}

export interface ScoringReport {
  asOf: string;
  runId: string;
  customers: number;
  propensityRows: number;
  seconds: number;
  /** Time spent in feature SQL, model arithmetic and writes. */
  phases: { features: number; models: number; writes: number; cleanup: number };
}

/** Scores every customer with `models` and replaces the stored scores. */
export async function scoreAllCustomers(bank: BankDatabase, models: ActiveModels, options: ScoringOptions = {}): Promise<ScoringReport> {
  const started = performance.now();
  const say = options.onProgress ?? (() => undefined);
  const asOf = options.asOf ?? (await readAsOf(bank.db));
  const runId = options.runId ?? `${asOf}@${new Date().toISOString()}`;
  const reasonShare = options.reasonShare ?? DEFAULT_REASON_SHARE;
  if (!(reasonShare >= 0 && reasonShare <= 1)) throw new Error(`reasonShare must be within [0, 1], got ${reasonShare}`);
  const credit = models.credit ? new CompiledScorecard(models.credit) : null;
  const churn = models.churn ? new CompiledTreeModel(models.churn) : null;
  const propensity = [...models.propensity].map(([product, m]) => ({
    product,
    model: new CompiledTreeModel(m),
    holds: featureIndex(`holds_${product}`),
  }));
  if (!credit && !churn && propensity.length === 0) throw new Error('No usable model to score with: train first (npm run train)');
  say(`[score] as of ${asOf}: credit ${credit ? `v${credit.version}` : 'none'}, churn ${churn ? `v${churn.version}` : 'none'}, ${propensity.length} propensity models`);

  const report: ScoringReport = { asOf, runId, customers: 0, propensityRows: 0, seconds: 0, phases: { features: 0, models: 0, writes: 0, cleanup: 0 } };
  const stream = streamFeatures(bank.db, asOf, { pageSize: options.pageSize });
  for (;;) {
    let t = performance.now();
    const next = await stream.next();
    report.phases.features += performance.now() - t;
    if (next.done) break;
    const page = next.value;
    t = performance.now();
    const n = page.ids.length;
    const scoreRows: (string | number | null)[][] = [];
    for (let i = 0; i < n; i++) {
      const row = page.values.subarray(i * page.width, (i + 1) * page.width);
      const c = credit?.score(row);
      // A customer who has already closed the everyday account has left: no churn score to give.
      // The level is read from the stored (rounded) probability so that the two columns always agree.
      const churnProbability = page.active[i] && churn ? round4(churn.probability(row)) : null;
      const level = churnProbability === null ? null : churnLevel(churnProbability);
      // Reasons are what a relationship manager acts on, so only medium and high risk carry them.
      const churnReasons = level === 'medium' || level === 'high' ? churn!.explainTop(row).reasons : [];
      scoreRows.push([
        page.ids[i], asOf, c?.score ?? null, c?.band ?? null, c?.pd ?? null, JSON.stringify(c?.reasons ?? []),
        churnProbability, level, JSON.stringify(churnReasons), credit?.version ?? null, churn?.version ?? null, runId,
      ]);
    }
    const propensityRows: (string | number | null)[][] = [];
    for (const p of propensity) {
      // Every offerable row gets its score; the reasons only where the row can head a list.
      const scores = new Float64Array(n).fill(Number.NaN);
      let offerable = 0;
      for (let i = 0; i < n; i++) {
        if (!page.active[i] || page.values[i * page.width + p.holds] >= 0.5) continue;
        scores[i] = round4(p.model.probability(page.values.subarray(i * page.width, (i + 1) * page.width)));
        offerable++;
      }
      const cut = reasonCutOff(scores, offerable, reasonShare);
      for (let i = 0; i < n; i++) {
        const score = scores[i];
        if (Number.isNaN(score)) continue;
        const reasons = score >= cut ? JSON.stringify(p.model.explainTop(page.values.subarray(i * page.width, (i + 1) * page.width), 3, 'path').reasons) : '[]';
        propensityRows.push([page.ids[i], p.product, score, reasons, asOf, p.model.version, runId]);
      }
    }
    report.phases.models += performance.now() - t;
    t = performance.now();
    await writePage(bank, [
      { table: CUSTOMER_SCORES, rows: scoreRows },
      { table: PRODUCT_PROPENSITY, rows: propensityRows },
    ]);
    report.phases.writes += performance.now() - t;
    report.customers += page.ids.length;
    report.propensityRows += propensityRows.length;
    say(`[score] ${report.customers.toLocaleString('en')} customers, ${report.propensityRows.toLocaleString('en')} propensity rows (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  const t = performance.now();
  const mdb = withModelTables(bank.db);
  await mdb.deleteFrom('customer_scores').where('run_id', '<>', runId).execute();
  await mdb.deleteFrom('product_propensity').where('run_id', '<>', runId).execute();
  report.phases.cleanup = performance.now() - t;
  for (const k of Object.keys(report.phases) as (keyof ScoringReport['phases'])[]) report.phases[k] = Math.round(report.phases[k]) / 1000;
  report.seconds = (performance.now() - started) / 1000;
  say(`[score] done: ${report.customers.toLocaleString('en')} customers in ${report.seconds.toFixed(1)} s`);
  return report;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Lowest score that still gets stored reasons: the score of the row at rank ceil(share × offerable)
 * among the page's scored rows (ties included). Any row in the bank-wide top k of a product, for k up
 * to share × the rows of one page, is then within its page's top share, so lists headed by it show
 * stored reasons. NaN marks rows that are not scored. Infinity (nobody) when share is 0.
 */
export function reasonCutOff(scores: Float64Array, offerable: number, share: number): number {
  if (!(share >= 0 && share <= 1)) throw new Error(`reasonShare must be within [0, 1], got ${share}`);
  const k = Math.ceil(share * offerable);
  if (k === 0) return Number.POSITIVE_INFINITY;
  if (k >= offerable) return Number.NEGATIVE_INFINITY;
  const scored = new Float64Array(offerable);
  let m = 0;
  for (const s of scores) if (!Number.isNaN(s)) scored[m++] = s;
  scored.sort();
  return scored[offerable - k];
}

/** Products with a propensity model among the loaded ones (for callers listing campaign options). */
export function scoredProducts(models: ActiveModels): ProductCode[] {
  return PRODUCT_CODES.filter((p) => models.propensity.has(p));
}
