/**
 * Starting a worker thread of the model code, whether it runs as compiled JavaScript or from the
 * TypeScript sources (tsx): in the latter case the worker registers the same loader first.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Starts `<name>.ts` or `<name>.js` of `dir` (default models/scoring) as a worker thread with `workerData`. */
export function spawnScoringWorker(name: string, workerData: unknown, dir: string = __dirname): Worker {
  const ext = path.extname(__filename);
  const file = path.join(dir, `${name}${ext}`);
  return ext === '.ts'
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
}

/** A worker thread that takes numbered jobs (pages) and answers each with `{ page, … }` or `{ page, error }`. */
export interface PageWorker<Job extends { page: number }, Reply extends { page: number }> {
  /** Sends a job; settles with the worker's reply to it, or fails when the worker reports an error or stops. */
  run(job: Job): Promise<Reply>;
  stop(): Promise<void>;
}

/** Starts `name` (see spawnScoringWorker) as a PageWorker; `what` names it in error messages. */
export function startPageWorker<Job extends { page: number }, Reply extends { page: number }>(
  name: string,
  workerData: unknown,
  what: string,
  dir: string = __dirname,
): PageWorker<Job, Reply> {
  const worker = spawnScoringWorker(name, workerData, dir);
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
