import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../schema';
import { initialSchema } from './0001-initial';
import { modelTables } from './0002-models';
import { segmentsAndAnomalies } from './0003-segments-anomalies';
import { campaignSummary } from './0004-campaign';
import type { Engine } from './engine';

export type { Engine } from './engine';

/**
 * Every schema version, in order. A migration is a function of the engine so that one file can use the
 * few engine-specific statements (identity columns, triggers) it needs. Add new ones at the end; never
 * edit one that has shipped.
 */
const MIGRATIONS: ReadonlyArray<readonly [string, (engine: Engine) => Migration]> = [
  ['0001_initial', initialSchema],
  ['0002_models', modelTables],
  ['0003_segments_anomalies', segmentsAndAnomalies],
  ['0004_campaign', campaignSummary],
];

class StaticMigrations implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(MIGRATIONS.map(([name, make]) => [name, make(this.engine)]));
  }
}

/** Brings the schema up to date. Safe to call on every start. */
export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<void> {
  // On PostgreSQL keep Kysely's bookkeeping tables in the schema the bank lives in (search_path), so that
  // several banks in one database (tests, staging) never read each other's migration state.
  const migrationTableSchema =
    engine === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider: new StaticMigrations(engine), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
