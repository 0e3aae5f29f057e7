import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { scoreAllCustomers } from '../../models/scoring/batch';
import { scoringLockPath } from '../../models/scoring/scoring-lock';
import { openTrainedBank } from '../support/trained-bank';

jest.setTimeout(120_000);

describe('one scoring run at a time per SQLite bank', () => {
  let trained: Awaited<ReturnType<typeof openTrainedBank>>;
  beforeAll(async () => {
    trained = await openTrainedBank();
  });
  afterAll(() => trained?.close());

  const runIds = () => trained.bank.sqlite!.prepare('SELECT DISTINCT run_id FROM customer_scores').pluck().all();

  it('refuses to start while a live process holds the lock, and leaves the stored scores alone', async () => {
    const { bank, models } = trained;
    const lock = scoringLockPath(bank)!;
    const before = runIds();
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2026-11-26T06:00:00.000Z' }));
    try {
      await expect(scoreAllCustomers(bank, models, { workers: 0, runId: 'blocked' })).rejects.toThrow(
        new RegExp(`Another scoring run \\(process ${process.pid} on .*started 2026-11-26T06:00:00.000Z\\).*delete .*scoring-lock`),
      );
      expect(fs.existsSync(lock)).toBe(true);
      expect(runIds()).toEqual(before);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });

  it('takes over a lock left by a process that has gone, and removes it when done', async () => {
    const { bank, models } = trained;
    const lock = scoringLockPath(bank)!;
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.writeFileSync(lock, JSON.stringify({ pid: gone, host: os.hostname(), startedAt: '2026-11-26T05:00:00.000Z' }));
    const report = await scoreAllCustomers(bank, models, { workers: 0, pageSize: 1000, runId: 'after-crash' });
    expect(report.customers).toBe(4000);
    expect(runIds()).toEqual(['after-crash']);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('refuses a second run on the same bank in the same process while the first is running', async () => {
    const { bank, models } = trained;
    const first = scoreAllCustomers(bank, models, { workers: 0, pageSize: 1000, runId: 'first' });
    await expect(scoreAllCustomers(bank, models, { workers: 0, runId: 'second' })).rejects.toThrow(/already writing scores to this bank/);
    await first;
    expect(runIds()).toEqual(['first']);
    // Released at the end: the next run goes ahead.
    await scoreAllCustomers(bank, models, { workers: 0, pageSize: 1000, runId: 'third' });
    expect(runIds()).toEqual(['third']);
  });
});
