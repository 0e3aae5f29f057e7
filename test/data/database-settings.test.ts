import path from 'node:path';
import { databaseFromEnvironment } from '../../data/database';

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
