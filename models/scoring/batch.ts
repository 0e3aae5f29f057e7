/**
 * Batch scoring: every customer as of the data's "today", credit and churn scores with their top
 * reasons into customer_scores, and for every product a customer does not hold yet (and who still
 * banks with us) the take-up propensity with its reasons into product_propensity.
 *
 * Churn is scored for customers who still hold an open current account (the population the model
 * was trained on); for customers who have left, the churn columns are null. Churn reasons are exact
 * TreeSHAP values. Propensity reasons, one set per (customer, product), use
 * path attribution, which costs one prediction instead of a full TreeSHAP pass; the single-customer
 * explanation (explain.ts) recomputes them exactly.
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

export interface ScoringOptions {
  /** Date to score as of (default meta.as_of). */
  asOf?: string;
  pageSize?: number;
  onProgress?: (line: string) => void;
  /** Run id written into the rows (default: the as-of date and the current time). */
  runId?: string;
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
    const scoreRows: (string | number | null)[][] = [];
    const propensityRows: (string | number | null)[][] = [];
    for (let i = 0; i < page.ids.length; i++) {
      const row = page.values.subarray(i * page.width, (i + 1) * page.width);
      const c = credit?.score(row);
      // A customer who has already closed the everyday account has left: no churn score to give.
      const h = page.active[i] ? churn?.explainTop(row) : undefined;
      // The level is read from the stored (rounded) probability so that the two columns always agree.
      const churnProbability = h ? round4(h.probability) : null;
      scoreRows.push([
        page.ids[i], asOf, c?.score ?? null, c?.band ?? null, c?.pd ?? null, JSON.stringify(c?.reasons ?? []),
        churnProbability, churnProbability === null ? null : churnLevel(churnProbability), JSON.stringify(h?.reasons ?? []),
        credit?.version ?? null, churn?.version ?? null, runId,
      ]);
      if (!page.active[i]) continue;
      for (const p of propensity) {
        if (row[p.holds] >= 0.5) continue;
        const e = p.model.explainTop(row, 3, 'path');
        propensityRows.push([page.ids[i], p.product, round4(e.probability), JSON.stringify(e.reasons), asOf, p.model.version, runId]);
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

/** Products with a propensity model among the loaded ones (for callers listing campaign options). */
export function scoredProducts(models: ActiveModels): ProductCode[] {
  return PRODUCT_CODES.filter((p) => models.propensity.has(p));
}
