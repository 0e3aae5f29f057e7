import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import type { ActiveModels } from '../../models/registry/types';
import { ensureModels } from '../../models/training/ensure-models';

/**
 * A generated bank with trained models and stored scores in a temporary SQLite file: the real pipeline
 * at test size (a few seconds). Close it with `close()`.
 */
export async function openTrainedBank(customers = 2000): Promise<{ bank: BankDatabase; models: ActiveModels; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-copilot-trained-'));
  const bank = await openDatabase({ sqlitePath: path.join(dir, 'bank.db') });
  await seedBank(bank, { customers, seed: 42 });
  const { models } = await ensureModels(bank, { seed: 42 });
  return {
    bank,
    models,
    async close() {
      await bank.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
