/**
 * Worker thread of unusual-transaction detection: opens its own connection to the SQLite bank and
 * scores and writes each page it is sent (score-page.ts), replying with the counts. Two of them keep
 * both cores busy on a bank's year of transactions; SQLite lets them take turns at writing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../data/database';
import type { AnomalyModel } from './model';
import { scoreAnomalyPage, type AnomalyPage, type AnomalyPageCounts } from './score-page';

/** What the worker is started with. */
export interface AnomalyWorkerInit {
  sqlitePath: string;
  model: AnomalyModel;
  windowStart: string;
  end: string;
}

export interface AnomalyWorkerJob extends AnomalyPage {
  page: number;
}

export type AnomalyPageReply = { page: number } & AnomalyPageCounts;
export type AnomalyWorkerReply = AnomalyPageReply | { page: number; error: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('anomaly-worker must run as a worker thread');
  const init = workerData as AnomalyWorkerInit;
  const bank = await openDatabase({ sqlitePath: init.sqlitePath, migrate: false });
  let queue = Promise.resolve();
  port.on('message', (job: AnomalyWorkerJob) => {
    // One page at a time on this connection, in the order sent.
    queue = queue.then(async () => {
      try {
        const counts = await scoreAnomalyPage(bank, init.model, job, init.windowStart, init.end);
        port.postMessage({ page: job.page, ...counts } satisfies AnomalyWorkerReply);
      } catch (err) {
        port.postMessage({ page: job.page, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies AnomalyWorkerReply);
      }
    });
  });
}

void main();
