/**
 * One scoring run at a time per SQLite bank. A run fills staging tables and swaps them in at the end
 * (score-writer.ts); a second run on the same file at the same time would drop the first one's staging
 * tables under it. So a run takes a lock file next to the database (`<file>.scoring-lock`, holding the
 * process id, host and start time) and refuses to start, with a clear message, while another live
 * process holds it. A lock left by a process that has gone (a crash, a kill) is taken over. Runs in
 * one process are kept apart in memory as well, which also covers in-memory banks. PostgreSQL banks
 * are serialised by the advisory lock of ensureModels and do not use staging tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { BankDatabase } from '../../data/database';

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

const running = new WeakSet<BankDatabase>();

export class ScoringBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringBusyError';
  }
}

/** Path of the lock file of a file-backed SQLite bank (null for an in-memory one). */
export function scoringLockPath(bank: BankDatabase): string | null {
  const sqlite = bank.sqlite;
  if (!sqlite || sqlite.memory) return null;
  return `${sqlite.name}.scoring-lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockContent) : null;
  } catch {
    return null;
  }
}

/** Takes the bank's scoring lock; returns the function that releases it. Throws ScoringBusyError when taken. */
export function acquireScoringLock(bank: BankDatabase): () => void {
  if (running.has(bank)) throw new ScoringBusyError('A scoring run is already writing scores to this bank in this process; wait for it to finish');
  const file = scoringLockPath(bank);
  if (file !== null) {
    const mine: LockContent = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; ; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      }
      const held = readLock(file);
      // Another host's process cannot be checked from here: treat it as running.
      const gone = held !== null && held.host === mine.host && held.pid !== process.pid && !alive(held.pid);
      if (held !== null && !gone) {
        throw new ScoringBusyError(
          `Another scoring run (process ${held.pid} on ${held.host}, started ${held.startedAt}) is writing scores to this bank. ` +
            `Wait for it to finish, or delete ${file} if that process is no longer running.`,
        );
      }
      // Left by a process that has gone, or unreadable: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  running.add(bank);
  return () => {
    running.delete(bank);
    if (file !== null && readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
}
