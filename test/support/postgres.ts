import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL that CI and developer machines run on 127.0.0.1 (trust auth). Override with TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh schema in the test database so that tests never see each other's tables. The returned URL
 * selects it through `search_path`. Fails loudly if PostgreSQL is not running.
 */
export async function createTemporarySchema(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `bc_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL}: start it (pg_ctlcluster <version> main start) or set TEST_DATABASE_URL`,
      { cause: err },
    );
  }
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${name} CASCADE`);
      await c.end();
    },
  };
}
