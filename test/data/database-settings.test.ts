import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { databaseFromEnvironment, openDatabase, SQLITE_PAGE_SIZE } from '../../data/database';

describe('openDatabase on SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-settings-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a new bank with 16 KB pages in WAL mode', async () => {
    const bank = await openDatabase({ sqlitePath: path.join(dir, 'new.db') });
    try {
      expect(SQLITE_PAGE_SIZE).toBe(16_384);
      expect(bank.sqlite!.pragma('page_size', { simple: true })).toBe(SQLITE_PAGE_SIZE);
      expect(bank.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      await bank.close();
    }
  });

  it('opens an existing bank with its own page size and keeps its data', async () => {
    const file = path.join(dir, 'old.db');
    const old = new SqliteDatabase(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE keep (x integer); INSERT INTO keep VALUES (1), (2), (3);`);
    old.close();
    const bank = await openDatabase({ sqlitePath: file });
    try {
      expect(bank.sqlite!.pragma('page_size', { simple: true })).toBe(4096);
      expect((await sql<{ n: number }>`SELECT count(*) AS n FROM keep`.execute(bank.db)).rows[0].n).toBe(3);
      await sql`SELECT count(*) FROM customers`.execute(bank.db); // migrated
    } finally {
      await bank.close();
    }
  });
});

describe('databaseFromEnvironment (seed and train commands)', () => {
  const repoRoot = '/repo';
  it('uses the bot’s settings: SQLITE_PATH, else var/bank.db, and --db first', () => {
    expect(databaseFromEnvironment({}, { repoRoot })).toEqual({ databaseUrl: undefined, sqlitePath: path.resolve('/repo/var/bank.db') });
    expect(databaseFromEnvironment({ SQLITE_PATH: 'var/other.db' }, { repoRoot }).sqlitePath).toBe(path.resolve('/repo/var/other.db'));
    expect(databaseFromEnvironment({ SQLITE_PATH: 'var/other.db' }, { repoRoot, sqliteFile: 'x.db' }).sqlitePath).toBe(path.resolve('/repo/x.db'));
    expect(databaseFromEnvironment({ DATABASE_URL: ' postgres://u@h/db ' }, { repoRoot }).databaseUrl).toBe('postgres://u@h/db');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, saying how to fix it', () => {
    expect(() => databaseFromEnvironment({ DATABASE_URL: 'mysql://x' }, { repoRoot })).toThrow(/set it like postgres:\/\/user:pass@host:5432\/db or unset it/);
  });
});
