/**
 * Server entry: the one place that wires configuration, database, synthetic data, recognizer, skills,
 * adapter and HTTP server together. `npm start` runs this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type BankDatabase } from '../data/database';
import { seedBank } from '../data/generator/seed-bank';
import { ensureModels } from '../models/training/ensure-models';
import { createSkillRegistry } from '../skills';
import { createApp } from './app';
import { createLlmParts } from './llm';
import { createBuiltInRecognizer, parseFollowUp, parseOrdinal } from './built-in-recognizer';
import { ConfigError, loadConfig, REPO_ROOT, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { listen } from './server';
import { RedisStorage } from './storage/redis-storage';

async function main(): Promise<void> {
  const envFile = path.join(REPO_ROOT, '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const bank = await openDatabase({ databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath }).catch((err: unknown) => {
    throw new StartupError(
      `Cannot open the database (${config.database.url ? 'DATABASE_URL' : config.database.sqlitePath}): ${(err as Error).message}. ` +
        (config.database.url ? 'Check that PostgreSQL is running and the URL is right, or unset DATABASE_URL to use the embedded SQLite.' : 'Check that the folder is writable.'),
      err,
    );
  });
  await ensureSyntheticBank(bank, config, logger);
  const modelsStarted = Date.now();
  const { models, training } = await ensureModels(bank, { seed: config.seed.seed, onProgress: (line) => process.stdout.write(`  ${line}\n`) });
  if (training) process.stdout.write(`  models trained and customers scored in ${((Date.now() - modelsStarted) / 1000).toFixed(1)} s\n`);
  for (const warning of models.warnings) logger.warn('model registry', { warning });

  // With an LLM configured, it reads the message first and the built-in recognizer answers whenever it fails.
  const builtIn = createBuiltInRecognizer();
  const llm = config.llm ? createLlmParts({ llm: config.llm, skills: createSkillRegistry(), fallback: builtIn, logger }) : undefined;
  const storage = config.redisUrl ? new RedisStorage(config.redisUrl) : undefined;
  if (storage) {
    await storage.connect().catch((err: unknown) => {
      throw new StartupError(`Cannot reach Redis at REDIS_URL: ${(err as Error).message}. Start Redis or unset REDIS_URL to keep conversation state in memory.`, err);
    });
  }
  const { server } = await createApp({
    config,
    storage,
    bank,
    logger,
    recognizer: llm?.recognizer ?? builtIn,
    explain: llm?.explain,
    policyAnswerer: llm?.policyAnswerer,
    parseOrdinal,
    parseFollowUp,
    models,
  });
  const port = await listen(server, config.server.port, config.server.host).catch((err: NodeJS.ErrnoException) => {
    throw new StartupError(
      err.code === 'EADDRINUSE'
        ? `Port ${config.server.port} is already in use: stop the other process or set PORT to a free port.`
        : `Cannot listen on ${config.server.host}:${config.server.port}: ${err.message}`,
      err,
    );
  });
  const shown = config.server.host === '0.0.0.0' ? 'localhost' : config.server.host;
  logger.info('Bank Copilot is running', { port, database: bank.location, auth: config.botAuth ? 'Bot Framework JWT' : 'off (local development)' });
  process.stdout.write(
    [
      '',
      `  Bank Copilot is ready.`,
      `  Web chat (pick a member of staff):  http://${shown}:${port}/`,
      `  Bot Framework endpoint:              http://${shown}:${port}/api/messages`,
      `  Health:                              http://${shown}:${port}/healthz`,
      `  Data: ${bank.location}`,
      '',
    ].join('\n') + '\n',
  );

  const stop = async (signal: string) => {
    logger.info('shutting down', { signal });
    server.close();
    await storage?.close();
    await bank.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** First start: an empty database gets the synthetic bank, with progress on the console. */
async function ensureSyntheticBank(bank: BankDatabase, config: Config, logger: Logger): Promise<void> {
  const row = await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The generator writes `meta.generated_at` last, so its absence means an earlier load was interrupted.
  const complete = await bank.db.selectFrom('meta').select('value').where('key', '=', 'generated_at').executeTakeFirst();
  if (Number(row.n) > 0 && complete) {
    logger.info('using existing bank data', { customers: Number(row.n), database: bank.location });
    return;
  }
  if (Number(row.n) > 0) {
    process.stdout.write(`The synthetic bank in ${bank.location} is incomplete (an earlier load was interrupted); loading it again.\n`);
  }
  process.stdout.write(`First start: creating the synthetic bank (${config.seed.customers.toLocaleString('en-US')} customers, seed ${config.seed.seed}) in ${bank.location}\n`);
  const started = Date.now();
  let lastLine = 0;
  await seedBank(bank, { customers: config.seed.customers, seed: config.seed.seed, force: Number(row.n) > 0 }, (p) => {
    const now = Date.now();
    if (now - lastLine < 1000 && p.done < p.total) return;
    lastLine = now;
    process.stdout.write(`  ${p.phase}: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} (${((now - started) / 1000).toFixed(1)} s)\n`);
  });
  process.stdout.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

class StartupError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof StartupError) {
    process.stderr.write(`\n${err.message}\n\n`);
  } else {
    process.stderr.write(`\nBank Copilot failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n\n`);
  }
  process.exit(1);
});
