import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { warmTables } from '../../models/scoring/warm';

jest.setTimeout(60_000);

describe('reading the stored scores ahead of the swap', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-'));
    file = path.join(dir, 'bank.db');
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE scores (customer_id TEXT NOT NULL, product TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (customer_id, product));
      CREATE INDEX scores_product_score ON scores (product, score);
      CREATE TABLE other (x INTEGER)`);
    const insert = db.prepare('INSERT INTO scores VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 6000; i++) insert.run(`C${String(i).padStart(6, '0')}`, i % 2 === 0 ? 'mortgage' : 'credit_card', (i * 7919) % 1000 / 1000);
    })();
    db.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts every entry of each table and of each of its indexes', async () => {
    const warmer = warmTables(file, ['scores']);
    // the table, its primary-key index and its secondary index
    await expect(warmer.done).resolves.toEqual({ btrees: 3, entries: 18_000 });
    await expect(warmer.stop()).resolves.toBe(true);
  });

  it('reports a table it cannot read, without taking the caller down', async () => {
    const warmer = warmTables(file, ['scores', 'no_such_table']);
    await expect(warmer.done).rejects.toThrow(/Reading the stored scores ahead of the swap failed: no such table: no_such_table/);
    await warmer.stop();
  });

  it('stops when asked before it has finished', async () => {
    const warmer = warmTables(file, ['scores']);
    await expect(warmer.stop()).resolves.toBe(false);
    await expect(warmer.done).rejects.toThrow(/stopped/);
  });
});
