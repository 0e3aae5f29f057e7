/**
 * Benchmark of the model pipeline on a seeded bank: training end to end (features and labels in SQL,
 * nine model fits, registry writes), batch scoring of every customer, and the latency of explaining
 * one customer (fresh single-customer SQL + scorecard breakdown + exact TreeSHAP).
 *
 *   npx tsx bench/train.ts [--db var/bench-100k.db] [--explain 300] [--skip-train] [--skip-score]
 *
 * Seed the bank first, e.g. `npm run seed -- --customers 100000 --db var/bench-100k.db`. Training adds
 * a registry version per model to that database and scoring replaces its stored scores.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../data/database';
import { loadActiveModels } from '../models/registry/repository';
import { scoreAllCustomers } from '../models/scoring/batch';
import { compileForExplain, explainCustomer } from '../models/scoring/explain';
import { trainAllModels } from '../models/training/train';

/** CPU seconds of this process since `since`: on a shared machine wall time also counts other jobs' turns. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const args = parseArgs({
    options: {
      db: { type: 'string', default: 'var/bench-100k.db' },
      explain: { type: 'string', default: '300' },
      'skip-train': { type: 'boolean', default: false },
      'skip-score': { type: 'boolean', default: false },
      /** Scoring worker threads (default: as scoreAllCustomers chooses). */
      workers: { type: 'string' },
    },
  }).values;
  const bank = await openDatabase({ sqlitePath: path.resolve(__dirname, '..', args.db as string) });
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const result: Record<string, unknown> = {
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start`,
    database: bank.location,
  };
  try {
    const customers = Number((await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    result.customers = customers;
    if (!args['skip-train']) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const training = await trainAllModels(bank, { onProgress: log });
      result.trainSeconds = (performance.now() - t) / 1000;
      result.trainCpuSeconds = cpuSeconds(cpu);
      result.models = training.trained.map((m) => ({
        name: m.name, rows: m.metrics.trainRows, positives: m.metrics.trainPositives, rocAuc: m.metrics.rocAuc, prAuc: m.metrics.prAuc, ks: m.metrics.ks,
        brier: m.metrics.brier, fitSeconds: m.metrics.trainSeconds,
      }));
      result.skipped = training.skipped;
    }
    const models = await loadActiveModels(bank.db);
    if (!args['skip-score']) {
      const cpu = process.cpuUsage();
      const workers = args.workers === undefined ? undefined : Number(args.workers);
      const scoring = await scoreAllCustomers(bank, models, { onProgress: log, workers });
      result.scoring = { seconds: scoring.seconds, cpuSeconds: cpuSeconds(cpu), customers: scoring.customers, propensityRows: scoring.propensityRows, phases: scoring.phases };
    }
    const n = Number(args.explain);
    const explainers = compileForExplain(models);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(`C${String(1 + Math.floor(((i * 2654435761) % 4294967296) / 4294967296 * customers)).padStart(6, '0')}`);
    for (const id of ids.slice(0, 20)) await explainCustomer(bank.db, explainers, id); // warm-up: caches, statement plans
    const times: number[] = [];
    const explainCpu = process.cpuUsage();
    for (const id of ids) {
      const t = performance.now();
      const e = await explainCustomer(bank.db, explainers, id);
      times.push(performance.now() - t);
      if (!e) throw new Error(`customer ${id} not found`);
    }
    times.sort((a, b) => a - b);
    result.explainMs = {
      n, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1], cpuMean: (cpuSeconds(explainCpu) * 1000) / n,
    };
    result.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(1)));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await bank.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
