/**
 * Scores one page of feature rows into the rows batch scoring stores (customer_scores and
 * product_propensity). Pure arithmetic on the page, shared by the in-process loop and the scoring
 * worker threads, so a page gets the same rows whichever thread scores it.
 */
import type { ProductCode } from '../../data/vocabulary';
import { featureIndex } from '../features/catalogue';
import type { FeatureRows } from '../features/feature-sql';
import type { ActiveModels } from '../registry/types';
import { CompiledScorecard, CompiledTreeModel } from './compiled';
import { churnLevel } from './levels';

/** A stored value: one column of one row. */
export type StoredValue = string | number | null;

/** The loaded models compiled for scoring pages. */
export interface PageScorers {
  credit: CompiledScorecard | null;
  churn: CompiledTreeModel | null;
  propensity: { product: ProductCode; model: CompiledTreeModel; holds: number }[];
}

/** What every row of a run carries besides the scores. */
export interface PageContext {
  asOf: string;
  runId: string;
  /** Share (0–1) of each product's offerable rows in the page that store their reasons. */
  reasonShare: number;
}

/** Rows of one page, in the column order of CUSTOMER_SCORES and PRODUCT_PROPENSITY (score-writer.ts). */
export interface ScoredPage {
  scoreRows: StoredValue[][];
  propensityRows: StoredValue[][];
}

export function compileScorers(models: ActiveModels): PageScorers {
  return {
    credit: models.credit ? new CompiledScorecard(models.credit) : null,
    churn: models.churn ? new CompiledTreeModel(models.churn) : null,
    propensity: [...models.propensity].map(([product, m]) => ({ product, model: new CompiledTreeModel(m), holds: featureIndex(`holds_${product}`) })),
  };
}

export function scorePage(page: FeatureRows, scorers: PageScorers, ctx: PageContext): ScoredPage {
  const { credit, churn, propensity } = scorers;
  const { asOf, runId } = ctx;
  const n = page.ids.length;
  const { values, width } = page;
  // One reused copy of the current row: a typed-array view per row and model would cost more than
  // the arithmetic on it, and the garbage collector would pay again.
  const row = new Float64Array(width);
  const load = (i: number) => {
    for (let j = 0, base = i * width; j < width; j++) row[j] = values[base + j];
    return row;
  };
  const scoreRows: StoredValue[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    load(i);
    const c = credit?.score(row);
    // A customer who has already closed the everyday account has left: no churn score to give.
    // The level is read from the stored (rounded) probability so that the two columns always agree.
    const churnProbability = page.active[i] && churn ? round4(churn.probability(row)) : null;
    const level = churnProbability === null ? null : churnLevel(churnProbability);
    // Reasons are what a relationship manager acts on, so only medium and high risk carry them.
    const churnReasons = churn && (level === 'medium' || level === 'high') ? JSON.stringify(churn.explainTop(row).reasons) : '[]';
    scoreRows[i] = [
      page.ids[i], asOf, c?.score ?? null, c?.band ?? null, c?.pd ?? null, c ? JSON.stringify(c.reasons) : '[]',
      churnProbability, level, churnReasons, credit?.version ?? null, churn?.version ?? null, runId,
    ];
  }
  // Every offerable (customer, product) row gets its score; the reasons only where the row can head
  // a list. Rows are scored customer by customer (one row copy for all products) and stored product
  // by product.
  const scores = propensity.map(() => new Float64Array(n).fill(Number.NaN));
  const offerable = new Int32Array(propensity.length);
  for (let i = 0; i < n; i++) {
    if (!page.active[i]) continue;
    load(i);
    for (let k = 0; k < propensity.length; k++) {
      const p = propensity[k];
      if (row[p.holds] >= 0.5) continue;
      scores[k][i] = round4(p.model.probability(row));
      offerable[k]++;
    }
  }
  const propensityRows: StoredValue[][] = [];
  for (let k = 0; k < propensity.length; k++) {
    const p = propensity[k];
    const s = scores[k];
    const cut = reasonCutOff(s, offerable[k], ctx.reasonShare);
    for (let i = 0; i < n; i++) {
      const score = s[i];
      if (Number.isNaN(score)) continue;
      const reasons = score >= cut ? JSON.stringify(p.model.explainTop(load(i), 3, 'path').reasons) : '[]';
      propensityRows.push([page.ids[i], p.product, score, reasons, asOf, p.model.version, runId]);
    }
  }
  return { scoreRows, propensityRows };
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
