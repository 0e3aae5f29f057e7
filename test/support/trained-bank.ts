import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../bot/config';
import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { loadActiveModels } from '../../models/registry/repository';
import type { ActiveModels } from '../../models/registry/types';
import { ensureModels } from '../../models/training/ensure-models';

/**
 * A generated bank with trained models, stored scores, segments and anomaly flags (`ensureModels`, as on
 * the bot's first start): the real pipeline at test size.
 * Building it takes tens of seconds, so it is built once per version of the code that makes it (a hash of
 * data/ and models/) under var/test-cache/, and every test file works on its own copy.
 */
export async function openTrainedBank(customers = 4000): Promise<{ bank: BankDatabase; models: ActiveModels; close(): Promise<void> }> {
  const master = await ensureMaster(customers);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-copilot-trained-'));
  const file = path.join(dir, 'bank.db');
  fs.copyFileSync(master, file);
  const bank = await openDatabase({ sqlitePath: file });
  const models = await loadActiveModels(bank.db);
  return {
    bank,
    models,
    async close() {
      await bank.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ensureMaster(customers: number): Promise<string> {
  const cacheDir = path.join(REPO_ROOT, 'var', 'test-cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  const master = path.join(cacheDir, `trained-${customers}-${codeHash()}.db`);
  const lock = `${master}.lock`;
  for (;;) {
    if (fs.existsSync(master)) return master;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test worker is building the same bank: wait for it. A lock left by a run that was
      // interrupted (older than any real build) is taken over.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const building = `${master}.building`;
    fs.rmSync(building, { force: true });
    const bank = await openDatabase({ sqlitePath: building });
    await seedBank(bank, { customers, seed: 42 });
    await ensureModels(bank, { seed: 42 });
    bank.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    await bank.close();
    fs.renameSync(building, master);
    for (const f of fs.readdirSync(cacheDir)) {
      if (f.startsWith(`trained-${customers}-`) && !master.endsWith(f) && !f.endsWith('.lock')) fs.rmSync(path.join(cacheDir, f), { force: true });
    }
    return master;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Hash of the code that generates the bank and trains the models. */
function codeHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts')) h.update(p).update(fs.readFileSync(p));
    }
  };
  for (const d of ['data', 'models']) walk(path.join(REPO_ROOT, d));
  return h.digest('hex').slice(0, 12);
}
