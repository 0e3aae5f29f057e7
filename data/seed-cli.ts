/**
 * `npm run seed -- [--customers N] [--seed S] [--as-of YYYY-MM-DD] [--force] [--db FILE] [--density X]`
 *
 * Loads the deterministic synthetic bank into PostgreSQL when DATABASE_URL is a postgres:// URL, else into
 * the SQLite file var/bank.db (or --db). Refuses to replace an existing bank unless --force is given
 * (which empties the bank tables and the per-customer model results, never the audit log).
 * Progress goes to stderr at most once a second; the summary goes to stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFromEnvironment, openDatabase } from './database';
import { DEFAULT_AS_OF, LARGE_BANK, LARGE_BANK_DENSITY } from './generator/generate-bank';
import { BankNotEmptyError, seedBank } from './generator/seed-bank';
import type { SeedProgress } from './generator/types';

const REPO_ROOT = path.resolve(__dirname, '..');

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nUsage: npm run seed -- [--customers 10000] [--seed 42] [--as-of ${DEFAULT_AS_OF}] [--force] [--db var/bank.db] [--density 1]\n` +
      `  --density scales everyday transactions per customer (default 1, or ${LARGE_BANK_DENSITY} above ${LARGE_BANK.toLocaleString('en')} customers)\n`,
  );
  process.exit(64);
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replace(/[_,]/g, '');
  if (!/^-?\d+$/.test(cleaned)) usage(`--${name} must be a whole number, got "${raw}"`);
  return Number(cleaned);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        customers: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        force: { type: 'boolean', default: false },
        db: { type: 'string' },
        density: { type: 'string' },
        'chunk-size': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const customers = integer('customers', args.customers, 10_000);
  const seed = integer('seed', args.seed, 42);
  const chunkSize = integer('chunk-size', args['chunk-size'], 500);
  const density = args.density === undefined ? undefined : Number(args.density);
  if (density !== undefined && !(density > 0 && density <= 10)) usage(`--density must be a number in (0, 10], got "${args.density}"`);

  let where: ReturnType<typeof databaseFromEnvironment>;
  try {
    where = databaseFromEnvironment(process.env, { repoRoot: REPO_ROOT, sqliteFile: args.db });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const sqlitePath = where.sqlitePath;
  const bank = await openDatabase(where);
  const started = Date.now();
  let peakRss = process.memoryUsage().rss;
  let lastPrint = 0;
  const onProgress = (p: SeedProgress) => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const now = Date.now();
    if (now - lastPrint < 1000 && p.phase === 'customers' && p.done < p.total) return;
    lastPrint = now;
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? Math.round(p.rows / secs) : 0;
    process.stderr.write(
      `[seed] ${p.phase}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} customers, ` +
        `${p.rows.toLocaleString('en')} rows, ${rate.toLocaleString('en')} rows/s, ${secs.toFixed(1)} s, rss ${Math.round(peakRss / 1e6)} MB\n`,
    );
  };

  try {
    process.stderr.write(`[seed] ${customers.toLocaleString('en')} customers, seed ${seed} into ${bank.location}\n`);
    const summary = await seedBank(
      bank,
      { customers, seed, asOf: args['as-of'], force: args.force, chunkSize, transactionDensity: density },
      onProgress,
    );
    const seconds = (Date.now() - started) / 1000;
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    const size = bank.engine === 'sqlite' && fs.existsSync(sqlitePath) ? fs.statSync(sqlitePath).size : undefined;
    process.stdout.write(
      JSON.stringify(
        {
          database: bank.location,
          ...summary,
          totalRows: total,
          seconds: Math.round(seconds * 10) / 10,
          rowsPerSecond: Math.round(total / seconds),
          peakRssMB: Math.round(peakRss / 1e6),
          ...(size === undefined ? {} : { fileSizeMB: Math.round(size / 1e6) }),
        },
        null,
        2,
      ) + '\n',
    );
  } catch (err) {
    if (err instanceof BankNotEmptyError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else throw err;
  } finally {
    await bank.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Seeding failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
