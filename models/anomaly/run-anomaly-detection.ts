import type { BankDatabase } from '../../data/database';
import { runPagesInWorkers, startPageWorker, workerThreadsFor } from '../worker-pool';
import { addDays, resolveAsOf } from '../segmentation/as-of';
import { sampleIndexes, seededRandom } from '../segmentation/random';
import type { AnomalyPageReply, AnomalyWorkerInit, AnomalyWorkerJob } from './anomaly-worker';
import { customerIdPage, groupByCustomer, populationShares, transactionsOfCustomers } from './data-access';
import { fitAnomalyModel, DEFAULT_EXPECTED_RATE, type AnomalyModel } from './model';
import { abandonFlagRun, beginFlagRun, finishFlagRun } from './flag-run';
import { scoreAnomalyPage, type AnomalyPage, type AnomalyPageCounts } from './score-page';
import type { AnomalyTables, FlagRow } from './tables';

export interface AnomalyProgress {
  phase: 'population' | 'calibrate' | 'score';
  done: number;
  total: number;
}

export interface RunAnomalyOptions {
  /** Score as of this date (`YYYY-MM-DD`); default `meta.as_of`, else today. */
  asOf?: string;
  /** Transactions of the last N days (up to and including asOf) are scored. Default 365. */
  windowDays?: number;
  seed?: number;
  /** Share of transactions expected to be unusual (sets the threshold). Default 0.0015. */
  expectedRate?: number;
  /** Customers whose histories calibrate the isolation forest and threshold. Default 5,000. */
  calibrationCustomers?: number;
  /** Customers per scoring page. Default 2,000. */
  pageSize?: number;
  /**
   * Worker threads scoring and writing pages (file-backed SQLite only; default two on a machine with
   * two or more cores, none otherwise). 0 scores in this thread. The flags are the same either way.
   */
  workers?: number;
  onProgress?: (p: AnomalyProgress) => void;
}

export interface AnomalyRunResult {
  modelVersion: string;
  asOf: string;
  windowStart: string;
  customers: number;
  scored: number;
  flagged: number;
  threshold: number;
  /** Against the generator's `injected_anomaly` labels, when the bank has any (synthetic data); else null. */
  evaluation: { injected: number; truePositives: number; precision: number; recall: number } | null;
  seconds: { population: number; calibrate: number; score: number; total: number };
  model: AnomalyModel;
}

/**
 * Scores the transactions of the last `windowDays` days of every customer against that customer's own
 * history before each transaction, and replaces `transaction_flags` in the window with the flagged ones,
 * in one transaction at the end (flag-run.ts): until then the previous flags are read, and a run that
 * fails leaves them untouched. Customers stream in id-ordered pages, so memory holds one page of
 * transactions at a time.
 */
export async function runAnomalyDetection(bank: BankDatabase, options: RunAnomalyOptions = {}): Promise<AnomalyRunResult> {
  const started = performance.now();
  const asOf = await resolveAsOf(bank, options.asOf);
  const windowDays = options.windowDays ?? 365;
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new Error(`windowDays must be a positive integer, got ${windowDays}`);
  const pageSize = options.pageSize ?? 2000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  const seed = options.seed ?? 42;
  const report = options.onProgress ?? (() => undefined);
  const end = `${addDays(asOf, 1)}T00:00:00Z`;
  const windowStart = `${addDays(asOf, 1 - windowDays)}T00:00:00Z`;

  report({ phase: 'population', done: 0, total: 1 });
  const shares = await populationShares(bank, end);
  if (shares.customers === 0) throw new Error('the bank has no customers: seed it first (npm run seed)');
  report({ phase: 'population', done: 1, total: 1 });
  const populationDone = performance.now();

  // Calibration: a seeded sample of customers, wherever they sit in id order.
  const allIds: string[] = [];
  for (let after = ''; ; ) {
    const page = await customerIdPage(bank, after, 50_000);
    if (page.length === 0) break;
    for (const id of page) allIds.push(id);
    after = page[page.length - 1] as string;
  }
  const pick = sampleIndexes(allIds.length, options.calibrationCustomers ?? 5000, seededRandom(seed));
  const sampleIds = Array.from(pick, (i) => allIds[i] as string).sort();
  allIds.length = 0;
  report({ phase: 'calibrate', done: 0, total: sampleIds.length });
  const sample = groupByCustomer(await transactionsOfCustomers(bank, sampleIds, end));
  const model = fitAnomalyModel([...sample.values()], shares, windowStart, {
    seed,
    expectedRate: options.expectedRate ?? DEFAULT_EXPECTED_RATE,
    version: `anomaly-${asOf}-w${windowDays}-s${seed}`,
  });
  sample.clear();
  report({ phase: 'calibrate', done: sampleIds.length, total: sampleIds.length });
  const calibrateDone = performance.now();

  const totals: AnomalyPageCounts = { customers: 0, scored: 0, flagged: 0, injected: 0, truePositives: 0 };
  const onPage = (c: AnomalyPageCounts) => {
    for (const k of Object.keys(totals) as (keyof AnomalyPageCounts)[]) totals[k] += c[k];
    report({ phase: 'score', done: totals.customers, total: shares.customers });
  };
  const workers = workerThreadsFor(bank, options.workers);
  const pages = customerPages(bank, pageSize);
  // The pages go into a staging table that replaces the window's flags at the end (flag-run.ts).
  await beginFlagRun(bank);
  try {
    if (workers > 0) {
      const init: AnomalyWorkerInit = { sqlitePath: bank.sqlite!.name, model, windowStart, end };
      const start = () => startPageWorker<AnomalyWorkerJob, AnomalyPageReply>(__dirname, 'anomaly-worker', init, 'Unusual-transaction worker');
      await runPagesInWorkers(workers, start, pages, ({ page: _page, ...counts }) => onPage(counts));
    } else {
      for await (const page of pages) onPage(await scoreAnomalyPage(bank, model, page, windowStart, end));
    }
    await finishFlagRun(bank, windowStart, end);
  } catch (err) {
    // The run's own error is the one to report; a staging table that cannot be dropped now (the
    // database being down, say) is dropped by the next run's beginFlagRun.
    await abandonFlagRun(bank).catch(() => undefined);
    throw err;
  }
  const { customers, scored, flagged, injected, truePositives } = totals;
  const finished = performance.now();
  return {
    modelVersion: model.version,
    asOf,
    windowStart,
    customers,
    scored,
    flagged,
    threshold: model.threshold,
    evaluation:
      injected > 0
        ? { injected, truePositives, precision: flagged > 0 ? truePositives / flagged : 0, recall: truePositives / injected }
        : null,
    seconds: {
      population: (populationDone - started) / 1000,
      calibrate: (calibrateDone - populationDone) / 1000,
      score: (finished - calibrateDone) / 1000,
      total: (finished - started) / 1000,
    },
    model,
  };
}

/** A customer's flagged transactions since `sinceTs` (inclusive), newest first. */
export async function customerFlags(bank: BankDatabase, customerId: string, sinceTs: string): Promise<FlagRow[]> {
  const rows = await bank.db
    .withTables<AnomalyTables>()
    .selectFrom('transaction_flags')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('ts', '>=', sinceTs)
    .orderBy('ts', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, transaction_id: Number(r.transaction_id), amount: Number(r.amount), score: Number(r.score) }));
}

/** The bank's customers in id order, `pageSize` at a time, as id ranges. */
async function* customerPages(bank: BankDatabase, pageSize: number): AsyncGenerator<AnomalyPage> {
  for (let after = ''; ; ) {
    const ids = await customerIdPage(bank, after, pageSize);
    if (ids.length === 0) return;
    after = ids[ids.length - 1] as string;
    yield { first: ids[0] as string, last: after, customers: ids.length };
  }
}
