/**
 * Scores one page of feature rows into what batch scoring stores (customer_scores and
 * product_propensity), column by column. Pure arithmetic on the page, shared by the in-process loop
 * and the scoring worker threads, so a page gets the same rows whichever thread scores it.
 */
import type { ProductCode } from '../../data/vocabulary';
import { featureIndex } from '../features/catalogue';
import type { FeatureRows } from '../features/feature-sql';
import type { ActiveModels } from '../registry/types';
import { CompiledScorecard, CompiledTreeModel } from './compiled';
import { churnLevel, type ChurnLevel } from './levels';

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

/**
 * One scored page, by column (score-writer.ts turns it into rows). Index i is the page's i-th
 * customer; NaN marks a number that is not stored (null), `undefined` reasons are stored as '[]'.
 */
export interface ScoredPage {
  ids: readonly string[];
  credit: { version: number; score: Float64Array; pd: Float64Array; band: string[]; reasons: string[] } | null;
  /** Churn columns: probability NaN (and level null) for customers who have left. */
  churn: { version: number; probability: Float64Array; level: (ChurnLevel | null)[]; reasons: (string | undefined)[] } | null;
  /** Per product: score NaN where the product is not offered (held already, or the customer has left). */
  propensity: { product: ProductCode; version: number; score: Float64Array; reasons: (string | undefined)[] }[];
  /** Number of (customer, product) rows: the offered ones. */
  propensityRows: number;
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
  const n = page.ids.length;
  const { values, width } = page;
  // One reused copy of the current row: a typed-array view per row and model would cost more than
  // the arithmetic on it, and the garbage collector would pay again.
  const row = new Float64Array(width);
  const load = (i: number) => {
    for (let j = 0, base = i * width; j < width; j++) row[j] = values[base + j];
    return row;
  };
  const scored: ScoredPage = { ids: page.ids, credit: null, churn: null, propensity: [], propensityRows: 0 };
  if (credit) {
    const out = { version: credit.version, score: new Float64Array(n), pd: new Float64Array(n), band: new Array<string>(n), reasons: new Array<string>(n) };
    for (let i = 0; i < n; i++) {
      const c = credit.score(load(i));
      out.score[i] = c.score;
      out.pd[i] = c.pd;
      out.band[i] = c.band;
      out.reasons[i] = JSON.stringify(c.reasons);
    }
    scored.credit = out;
  }
  if (churn) {
    const out = { version: churn.version, probability: new Float64Array(n).fill(Number.NaN), level: new Array<ChurnLevel | null>(n).fill(null), reasons: new Array<string | undefined>(n) };
    // Reasons are what a relationship manager acts on, so only medium and high risk carry them.
    const explain: number[] = [];
    for (let i = 0; i < n; i++) {
      // A customer who has already closed the everyday account has left: no churn score to give.
      if (!page.active[i]) continue;
      // The level is read from the stored (rounded) probability so that the two columns always agree.
      const p = round4(churn.probability(load(i)));
      const level = churnLevel(p);
      out.probability[i] = p;
      out.level[i] = level;
      if (level === 'medium' || level === 'high') explain.push(i);
    }
    const reasons = churn.explainTopMany(values, width, explain);
    for (let k = 0; k < explain.length; k++) out.reasons[explain[k]] = JSON.stringify(reasons[k]);
    scored.churn = out;
  }
  // Every offerable (customer, product) row gets its score; the reasons only where the row can head
  // a list. Product by product, so one model's code and nodes stay in the CPU caches (2.4 times
  // faster than all products customer by customer).
  for (const p of propensity) {
    const s = new Float64Array(n).fill(Number.NaN);
    let offerable = 0;
    for (let i = 0; i < n; i++) {
      if (!page.active[i] || values[i * width + p.holds] >= 0.5) continue;
      s[i] = round4(p.model.probability(load(i)));
      offerable++;
    }
    const cut = reasonCutOff(s, offerable, ctx.reasonShare);
    const reasons = new Array<string | undefined>(n);
    for (let i = 0; i < n; i++) if (s[i] >= cut) reasons[i] = JSON.stringify(p.model.pathReasons(load(i), 3));
    scored.propensity.push({ product: p.product, version: p.model.version, score: s, reasons });
    scored.propensityRows += offerable;
  }
  return scored;
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
