/**
 * Starting a worker thread from this directory, whether the code runs as compiled JavaScript or from
 * the TypeScript sources (tsx): in the latter case the worker registers the same loader first.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Starts `<name>.ts` or `<name>.js` of models/scoring as a worker thread with `workerData`. */
export function spawnScoringWorker(name: string, workerData: unknown): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `${name}${ext}`);
  return ext === '.ts'
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
}
