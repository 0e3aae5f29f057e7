/**
 * `npm run train -- [--db FILE] [--seed 42] [--page-size 20000] [--no-score]`
 *
 * Trains the credit scorecard, the churn model and one propensity model per product from the bank in
 * PostgreSQL (DATABASE_URL=postgres://…) or the SQLite file var/bank.db (or --db), registers the new
 * versions, then scores every customer into customer_scores and product_propensity, segments the customers
 * and flags unusual transactions.
 * Progress goes to stderr; the summary (JSON) goes to stdout.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFromEnvironment, openDatabase } from '../data/database';
import { loadActiveModels } from './registry/repository';
import { scoreAllCustomers } from './scoring/batch';
import { runInsights } from './training/insights';
import { trainAllModels } from './training/train';

const REPO_ROOT = path.resolve(__dirname, '..');

function usage(problem: string): never {
  process.stderr.write(`${problem}\nUsage: npm run train -- [--db var/bank.db] [--seed 42] [--page-size 20000] [--no-score]\n`);
  process.exit(64);
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) usage(`--${name} must be a whole number, got "${raw}"`);
  return Number(cleaned);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        db: { type: 'string' },
        seed: { type: 'string' },
        'page-size': { type: 'string' },
        'no-score': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  let where: ReturnType<typeof databaseFromEnvironment>;
  try {
    where = databaseFromEnvironment(process.env, { repoRoot: REPO_ROOT, sqliteFile: args.db });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const pageSize = integer('page-size', args['page-size'], 20_000);
  const bank = await openDatabase(where);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    log(`[train] database: ${bank.location}`);
    const training = await trainAllModels(bank, { seed: integer('seed', args.seed, 42), pageSize, onProgress: log });
    let scoring: Awaited<ReturnType<typeof scoreAllCustomers>> | null = null;
    if (!args['no-score']) {
      const models = await loadActiveModels(bank.db);
      for (const w of models.warnings) log(`[score] warning: ${w}`);
      scoring = await scoreAllCustomers(bank, models, { pageSize, onProgress: log });
    }
    const insights = args['no-score'] ? null : await runInsights(bank, { seed: integer('seed', args.seed, 42), force: true, onProgress: log });
    process.stdout.write(`${JSON.stringify({ database: bank.location, training, scoring, insights }, null, 2)}\n`);
  } finally {
    await bank.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Training failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
