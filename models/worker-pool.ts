/**
 * Worker threads of the model code (batch scoring, reading ahead, unusual-transaction detection):
 * starting one from the TypeScript sources (tsx) or compiled JavaScript, numbered page jobs with their
 * replies matched up, and running a stream of pages on a few workers with the replies handed back in
 * page order.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BankDatabase } from '../data/database';

/**
 * Starts `<name>.ts` or `<name>.js` of `dir` as a worker thread with `workerData`. From the sources,
 * the worker registers the same loader (tsx) before loading the script.
 */
export function spawnModelWorker(dir: string, name: string, workerData: unknown): Worker {
  const ext = path.extname(__filename);
  const file = path.join(dir, `${name}${ext}`);
  return ext === '.ts'
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
}

/**
 * Worker threads to use on `bank`: `requested`, by default two on a machine with two or more cores.
 * None where a worker cannot open the bank itself (PostgreSQL goes through this thread's pool, and an
 * in-memory SQLite bank exists only in this thread).
 */
export function workerThreadsFor(bank: BankDatabase, requested?: number): number {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0)) throw new Error(`workers must be a whole number, got ${requested}`);
  if (!bank.sqlite || bank.sqlite.memory) return 0;
  return requested ?? (os.availableParallelism() >= 2 ? 2 : 0);
}

/** A worker thread that takes numbered jobs (pages) and answers each with `{ page, … }` or `{ page, error }`. */
export interface PageWorker<Job extends { page: number }, Reply extends { page: number }> {
  /** Sends a job; settles with the worker's reply to it, or fails when the worker reports an error or stops. */
  run(job: Job): Promise<Reply>;
  stop(): Promise<void>;
}

/** Starts `name` of `dir` (see spawnModelWorker) as a PageWorker; `what` names it in error messages. */
export function startPageWorker<Job extends { page: number }, Reply extends { page: number }>(
  dir: string,
  name: string,
  workerData: unknown,
  what: string,
): PageWorker<Job, Reply> {
  const worker = spawnModelWorker(dir, name, workerData);
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const failAll = (err: Error) => {
    failed = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (reply: Reply | { page: number; error: string }) => {
    const w = waiting.get(reply.page);
    if (!w) return;
    waiting.delete(reply.page);
    if ('error' in reply) w.reject(new Error(`${what} failed on page ${reply.page}: ${reply.error}`));
    else w.resolve(reply);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`${what} stopped (exit code ${code})`)));
  return {
    run: (job) => new Promise<Reply>((resolve, reject) => {
      if (failed) return reject(failed);
      waiting.set(job.page, { resolve, reject });
      worker.postMessage(job);
    }),
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Runs every job of `jobs` on `count` workers made by `start`, numbering them as pages in order, at
 * most two queued per worker, and hands each reply to `onReply` in page order. The workers are
 * stopped at the end, or at the first failure, which is thrown.
 */
export async function runPagesInWorkers<Job, Reply extends { page: number }>(
  count: number,
  start: () => PageWorker<Job & { page: number }, Reply>,
  jobs: AsyncIterator<Job>,
  onReply: (reply: Reply) => void,
): Promise<void> {
  const pool = Array.from({ length: count }, start);
  try {
    const pending: Promise<Reply>[] = [];
    let page = 0;
    let exhausted = false;
    const dispatch = async () => {
      if (exhausted) return;
      const next = await jobs.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const reply = pool[page % count]!.run({ ...next.value, page });
      reply.catch(() => undefined); // awaited in order below; this only keeps an early failure from being unhandled
      pending.push(reply);
      page++;
    };
    for (let i = 0; i < 2 * count; i++) await dispatch();
    while (pending.length > 0) {
      const reply = await pending.shift()!;
      await dispatch();
      onReply(reply);
    }
  } finally {
    await Promise.all(pool.map((w) => w.stop()));
  }
}
