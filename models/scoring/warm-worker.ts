/**
 * Worker thread that reads every page of the stored score tables and their indexes once (warm.ts).
 * Read only, on a connection of its own; it replies with what it counted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

/** What the worker is started with. */
export interface WarmWorkerInit {
  sqlitePath: string;
  tables: readonly string[];
}

/** The worker's one reply. */
export type WarmWorkerReply = { btrees: number; entries: number } | { error: string };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function warm({ sqlitePath, tables }: WarmWorkerInit): WarmWorkerReply {
  const db = new SqliteDatabase(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    // The pages only pass through: the operating system's cache is what keeps them.
    db.pragma('cache_size = -2048');
    let btrees = 0;
    let entries = 0;
    for (const table of tables) {
      const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).pluck().all(table) as string[];
      // count(*) visits every page of the b-tree it counts: the table itself, then each index.
      const counts = [`SELECT count(*) FROM ${quote(table)} NOT INDEXED`, ...indexes.map((i) => `SELECT count(*) FROM ${quote(table)} INDEXED BY ${quote(i)}`)];
      for (const sql of counts) {
        entries += db.prepare(sql).pluck().get() as number;
        btrees++;
      }
    }
    return { btrees, entries };
  } finally {
    db.close();
  }
}

let reply: WarmWorkerReply;
try {
  reply = warm(workerData as WarmWorkerInit);
} catch (err) {
  reply = { error: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(reply);
