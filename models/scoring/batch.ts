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
 *
 * On a file-backed SQLite bank the pages are scored and written by worker threads (score-worker.ts),
 * one page per transaction as in the single-thread loop, so a million customers use both cores. On
 * SQLite the pages go into staging tables that replace the stored scores in one transaction at the end
 * (score-writer.ts); on PostgreSQL they are upserted and the previous run's rows deleted at the end.
 */
import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { PRODUCT_CODES, type ProductCode } from '../../data/vocabulary';
import { DEFAULT_PAGE_SIZE, readAsOf, streamFeatures } from '../features/stream';
import type { ActiveModels } from '../registry/types';
import { runPagesInWorkers, startPageWorker, workerThreadsFor } from '../worker-pool';
import { compileScorers, scorePage, type PageContext, type ScoredPage } from './score-page';
import type { ScoreWorkerInit, ScoreWorkerJob, ScoreWorkerReply } from './score-worker';
import { beginScoreRun, ScoreWriter } from './score-writer';

export { reasonCutOff } from './score-page';

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
  /**
   * Worker threads computing features, scores and writes page by page (file-backed SQLite only;
   * default: two on a machine with two or more cores, none otherwise). 0 scores in this thread. The
   * stored rows are the same either way.
   */
  workers?: number;
}

export interface ScoringReport {
  asOf: string;
  runId: string;
  customers: number;
  propensityRows: number;
  seconds: number;
  /**
   * Time spent in feature SQL, model arithmetic and writes, and in replacing the previous run's rows
   * (SQLite: swapping in the new tables and building their indexes; PostgreSQL: deleting old rows).
   */
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
  const { credit, churn, propensity } = models;
  if (!credit && !churn && propensity.size === 0) throw new Error('No usable model to score with: train first (npm run train)');
  const workers = workerThreadsFor(bank, options.workers);
  say(`[score] as of ${asOf}: credit ${credit ? `v${credit.record.version}` : 'none'}, churn ${churn ? `v${churn.record.version}` : 'none'}, ${propensity.size} propensity models${workers > 0 ? `, ${workers} worker threads` : ''}`);

  const report: ScoringReport = { asOf, runId, customers: 0, propensityRows: 0, seconds: 0, phases: { features: 0, models: 0, writes: 0, cleanup: 0 } };
  const context: PageContext = { asOf, runId, reasonShare };
  const progress = () =>
    say(`[score] ${report.customers.toLocaleString('en')} customers, ${report.propensityRows.toLocaleString('en')} propensity rows (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const write = async (writer: ScoreWriter, scored: ScoredPage) => {
    const t = performance.now();
    await writer.write(scored);
    report.phases.writes += performance.now() - t;
    report.customers += scored.ids.length;
    report.propensityRows += scored.propensityRows;
    progress();
  };
  const run = beginScoreRun(bank, runId);
  try {
    if (workers > 0) {
      // The phases are the workers' busy time: they overlap each other.
      await scoreInWorkers(bank, models, context, options.pageSize ?? DEFAULT_PAGE_SIZE, workers, (reply) => {
        report.phases.features += reply.featureMs;
        report.phases.models += reply.modelMs;
        report.phases.writes += reply.writeMs;
        if (reply.customers === 0) return;
        report.customers += reply.customers;
        report.propensityRows += reply.propensityRows;
        progress();
      });
    } else {
      const scorers = compileScorers(models);
      const writer = new ScoreWriter(bank, context);
      const stream = streamFeatures(bank.db, asOf, { pageSize: options.pageSize });
      for (;;) {
        let t = performance.now();
        const next = await stream.next();
        report.phases.features += performance.now() - t;
        if (next.done) break;
        t = performance.now();
        const scored = scorePage(next.value, scorers, context);
        report.phases.models += performance.now() - t;
        await write(writer, scored);
      }
    }
  } catch (err) {
    run.abandon();
    throw err;
  }
  const t = performance.now();
  await run.finish(say);
  report.phases.cleanup = performance.now() - t;
  for (const k of Object.keys(report.phases) as (keyof ScoringReport['phases'])[]) report.phases[k] = Math.round(report.phases[k]) / 1000;
  report.seconds = (performance.now() - started) / 1000;
  say(`[score] done: ${report.customers.toLocaleString('en')} customers in ${report.seconds.toFixed(1)} s`);
  return report;
}

type PageReply = Extract<ScoreWorkerReply, { customers: number }>;

/**
 * Scores and writes the bank's pages in `count` worker threads, reporting each finished page to
 * `onPage` in page order. Pages are cut by id here, with the same boundaries as streamFeatures.
 */
async function scoreInWorkers(bank: BankDatabase, models: ActiveModels, context: PageContext, pageSize: number, count: number, onPage: (reply: PageReply) => void): Promise<void> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  const init: ScoreWorkerInit = { sqlitePath: bank.sqlite!.name, models, context };
  await runPagesInWorkers(count, () => startPageWorker<ScoreWorkerJob, PageReply>(__dirname, 'score-worker', init, 'Scoring worker'), pageJobs(bank, pageSize), onPage);
}

/** The pages of the bank: the customers after an id (none: from the first), `pageSize` at a time. */
async function* pageJobs(bank: BankDatabase, pageSize: number): AsyncGenerator<Omit<ScoreWorkerJob, 'page'>> {
  let after: string | null | undefined = null;
  while (after !== undefined) {
    yield { after, limit: pageSize };
    // The last id of this page starts the next one; none means this page was the last.
    const last = await sql<{ id: string }>`SELECT id FROM customers WHERE id > ${after ?? ''} ORDER BY id LIMIT 1 OFFSET ${pageSize - 1}`.execute(bank.db);
    after = last.rows[0]?.id;
  }
}

/** Products with a propensity model among the loaded ones (for callers listing campaign options). */
export function scoredProducts(models: ActiveModels): ProductCode[] {
  return PRODUCT_CODES.filter((p) => models.propensity.has(p));
}
