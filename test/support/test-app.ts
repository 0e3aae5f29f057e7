import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../bot/app';
import { createBuiltInRecognizer, parseFollowUp, parseOrdinal } from '../../bot/built-in-recognizer';
import { loadConfig } from '../../bot/config';
import { silentLogger, type Logger } from '../../bot/logger';
import { listen } from '../../bot/server';
import { openDatabase, type BankDatabase } from '../../data/database';
import { loadFixture } from './fixture-bank';
import { seedBank } from '../../data/generator/seed-bank';
import { testPolicy } from './policy';
import { ensureModels } from '../../models/training/ensure-models';

export interface TestApp {
  baseUrl: string;
  bank: BankDatabase;
  close(): Promise<void>;
}

/**
 * The real app (restify, CloudAdapter, bot, SQLite) on an ephemeral loopback port.
 * `fixture: true` loads the small hand-made bank of fixture-bank.ts; otherwise a synthetic bank of
 * `customers` (default 2,000) is generated into a temporary SQLite file.
 */
export async function startTestApp(
  options: { customers?: number; env?: Record<string, string>; fixture?: boolean; logger?: Logger; train?: boolean } = {},
): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-copilot-'));
  const config = loadConfig({ PORT: '0', SQLITE_PATH: path.join(dir, 'bank.db'), ...options.env });
  const bank = await openDatabase({ sqlitePath: config.database.sqlitePath });
  if (options.fixture) await loadFixture(bank);
  else await seedBank(bank, { customers: options.customers ?? 2000, seed: 42 });
  // Training takes a few seconds at test sizes; only the tests that need scores ask for it.
  const models = options.train ? (await ensureModels(bank, { seed: 42 })).models : undefined;
  const { server } = await createApp({
    config,
    bank,
    logger: options.logger ?? silentLogger,
    recognizer: createBuiltInRecognizer(),
    parseOrdinal,
    parseFollowUp,
    policy: await testPolicy(),
    models,
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    bank,
    async close() {
      server.close();
      await bank.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
