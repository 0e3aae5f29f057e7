/**
 * Worker thread of batch scoring: opens its own connection to the SQLite bank, and for each page it is
 * sent (the customers after an id) computes the features, scores them and writes the rows
 * (score-writer.ts) in one transaction (SQLite lets the workers take turns at writing), replying with
 * the counts. Two of them keep both cores busy on a full rescore, and the rows never cross threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../data/database';
import { computeFeatureRows } from '../features/feature-sql';
import { customerPage } from '../features/stream';
import type { ActiveModels } from '../registry/types';
import { compileScorers, scorePage, type PageContext } from './score-page';
import { ScoreWriter } from './score-writer';

/** What the worker is started with. */
export interface ScoreWorkerInit {
  sqlitePath: string;
  models: ActiveModels;
  context: PageContext;
}

/** One page to score: the customers after `after` in id order, at most `limit` of them. */
export interface ScoreWorkerJob {
  page: number;
  after: string | null;
  limit: number;
}

export type ScoreWorkerReply =
  | { page: number; customers: number; propensityRows: number; featureMs: number; modelMs: number; writeMs: number }
  | { page: number; error: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('score-worker must run as a worker thread');
  const init = workerData as ScoreWorkerInit;
  const bank = await openDatabase({ sqlitePath: init.sqlitePath, migrate: false });
  bank.sqlite!.pragma('wal_autocheckpoint = 65536');
  const scorers = compileScorers(init.models);
  const writer = new ScoreWriter(bank, init.context);
  port.on('message', (job: ScoreWorkerJob | 'close') => {
    if (job === 'close') {
      void bank.close().then(() => port.close());
      return;
    }
    void (async () => {
      try {
        let t = performance.now();
        const customers = await customerPage(bank.db, job.after, job.limit, null);
        const features = await computeFeatureRows(bank.db, init.context.asOf, customers);
        const featureMs = performance.now() - t;
        t = performance.now();
        const scored = scorePage(features, scorers, init.context);
        const modelMs = performance.now() - t;
        t = performance.now();
        await writer.write(scored);
        const reply: ScoreWorkerReply = {
          page: job.page, customers: customers.length, propensityRows: scored.propensityRows, featureMs, modelMs, writeMs: performance.now() - t,
        };
        port.postMessage(reply);
      } catch (err) {
        port.postMessage({ page: job.page, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ScoreWorkerReply);
      }
    })();
  });
}

void main();
