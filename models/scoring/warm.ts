/**
 * Bringing the previous run's score tables into memory while a scoring run computes the new ones.
 *
 * The swap at the end of a SQLite run drops the previous run's tables, and SQLite reads every page it
 * frees. By the next day's run those pages have left the operating system's cache, so dropping a
 * million customers' scores read about 1.2 GB from disk while both cores waited (9–10 s of a 70 s run
 * on the bench machine, against 1–2 s when the pages were still cached). A thread of its own reads
 * them during the run, when the disk is otherwise idle, and the swap finds them in memory.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModelWorker } from '../worker-pool';
import type { WarmWorkerInit, WarmWorkerReply } from './warm-worker';

export interface TableWarmer {
  /** What was read: b-trees (tables and indexes) and the entries counted in them. */
  readonly done: Promise<{ btrees: number; entries: number }>;
  /**
   * Stops the reading if it is still going (the swap then reads what is left itself); true when it
   * had read everything.
   */
  stop(): Promise<boolean>;
}

/** Starts reading `tables` of the SQLite file `sqlitePath` and their indexes in a worker thread. */
export function warmTables(sqlitePath: string, tables: readonly string[]): TableWarmer {
  const init: WarmWorkerInit = { sqlitePath, tables };
  const worker: Worker = spawnModelWorker(__dirname, 'warm-worker', init);
  let finished = false;
  let read = false;
  const done = new Promise<{ btrees: number; entries: number }>((resolve, reject) => {
    worker.once('message', (reply: WarmWorkerReply) => {
      finished = true;
      if ('error' in reply) reject(new Error(`Reading the stored scores ahead of the swap failed: ${reply.error}`));
      else {
        read = true;
        resolve(reply);
      }
    });
    worker.once('error', (err) => {
      finished = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`Reading the stored scores ahead of the swap stopped (exit code ${code})`));
      finished = true;
    });
  });
  done.catch(() => undefined); // only a slower swap: callers that care await `done`
  return {
    done,
    async stop() {
      if (!finished) await worker.terminate();
      return read;
    },
  };
}
