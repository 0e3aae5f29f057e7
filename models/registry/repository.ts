/**
 * The model registry in the bank's database (table model_registry), so every bot instance on a shared
 * PostgreSQL loads the same versions. Versions are integers increasing per model name.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { PRODUCT_CODES } from '../../data/vocabulary';
import { loadArtifact, ModelArtifactError, sha256Hex } from './artifact';
import { withModelTables, type ModelRegistryTable } from './tables';
import { MODEL_NAMES, type ActiveModels, type LoadedGbdt, type LoadedModel, type LoadedScorecard, type ModelKind, type ModelRecord } from './types';

export interface NewModelVersion {
  name: string;
  kind: ModelKind;
  trainedAt: string;
  snapshotDate: string;
  metrics: ModelRecord['metrics'];
  features: string[];
  featureProfile: ModelRecord['featureProfile'];
  /** The serialised model (scorecard or GBDT JSON). */
  artifact: string;
}

/** Stores a new active version (previous + 1) and returns its record. */
export async function saveModelVersion(db: Kysely<Database>, input: NewModelVersion): Promise<ModelRecord> {
  if (!/^[a-z][a-z0-9_]*$/.test(input.name)) throw new Error(`saveModelVersion: model name must be snake_case, got "${input.name}"`);
  if (input.features.length === 0) throw new Error('saveModelVersion: a model needs at least one feature');
  const mdb = withModelTables(db);
  return mdb.transaction().execute(async (tx) => {
    const last = await tx
      .selectFrom('model_registry')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('name', '=', input.name)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const record: ModelRecord = {
      name: input.name,
      version,
      kind: input.kind,
      trainedAt: input.trainedAt,
      snapshotDate: input.snapshotDate,
      metrics: input.metrics,
      features: input.features,
      featureProfile: input.featureProfile,
      sha256: sha256Hex(input.artifact),
      status: 'active',
    };
    await tx
      .insertInto('model_registry')
      .values({
        name: record.name,
        version,
        kind: record.kind,
        trained_at: record.trainedAt,
        snapshot_date: record.snapshotDate,
        metrics: JSON.stringify(record.metrics),
        features: JSON.stringify(record.features),
        feature_profile: JSON.stringify(record.featureProfile),
        artifact: input.artifact,
        sha256: record.sha256,
        status: 'active',
      })
      .execute();
    return record;
  });
}

function recordOf(row: Omit<ModelRegistryTable, 'artifact'>): ModelRecord {
  const parse = (what: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new ModelArtifactError(row.name, Number(row.version), `its ${what} column is not valid JSON`);
    }
  };
  if (row.kind !== 'scorecard' && row.kind !== 'gbdt') throw new ModelArtifactError(row.name, Number(row.version), `unknown kind "${row.kind}"`);
  const features = parse('features', row.features);
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
    throw new ModelArtifactError(row.name, Number(row.version), 'its feature list is not a list of names');
  }
  return {
    name: row.name,
    version: Number(row.version),
    kind: row.kind,
    trainedAt: row.trained_at,
    snapshotDate: row.snapshot_date,
    metrics: parse('metrics', row.metrics) as ModelRecord['metrics'],
    features,
    featureProfile: parse('feature_profile', row.feature_profile) as ModelRecord['featureProfile'],
    sha256: row.sha256,
    status: row.status === 'retired' ? 'retired' : 'active',
  };
}

/** Every stored version (newest first per name), without artifacts. */
export async function listModelVersions(db: Kysely<Database>): Promise<ModelRecord[]> {
  const rows = await withModelTables(db)
    .selectFrom('model_registry')
    .select(['name', 'version', 'kind', 'trained_at', 'snapshot_date', 'metrics', 'features', 'feature_profile', 'sha256', 'status'])
    .orderBy('name')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(recordOf);
}

/** One version, checked; throws {@link ModelArtifactError} when it cannot be used. */
export async function loadModelVersion(db: Kysely<Database>, name: string, version: number): Promise<LoadedModel> {
  const row = await withModelTables(db)
    .selectFrom('model_registry')
    .selectAll()
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new Error(`Model ${name} version ${version} is not in the registry`);
  return loadArtifact(recordOf(row), row.artifact);
}

/**
 * The newest valid active version of `name`, trying older active versions when a newer one is
 * damaged or incompatible (each refusal becomes a warning). Null when none is usable.
 */
export async function loadNewestValid(db: Kysely<Database>, name: string, warnings: string[]): Promise<LoadedModel | null> {
  const versions = await withModelTables(db)
    .selectFrom('model_registry')
    .select('version')
    .where('name', '=', name)
    .where('status', '=', 'active')
    .orderBy('version', 'desc')
    .execute();
  let refused = false;
  for (const { version } of versions) {
    try {
      const loaded = await loadModelVersion(db, name, Number(version));
      if (refused) warnings.push(`Model ${name}: using the previous valid version ${loaded.record.version}`);
      return loaded;
    } catch (err) {
      if (!(err instanceof ModelArtifactError)) throw err;
      warnings.push(err.message);
      refused = true;
    }
  }
  if (refused) warnings.push(`Model ${name}: no usable version left; retrain with npm run train`);
  return null;
}

/** The bank's models as the bot uses them: newest valid version of each, plus warnings about refused ones. */
export async function loadActiveModels(db: Kysely<Database>): Promise<ActiveModels> {
  const warnings: string[] = [];
  const credit = await loadNewestValid(db, MODEL_NAMES.credit, warnings);
  const churn = await loadNewestValid(db, MODEL_NAMES.churn, warnings);
  const propensity = new Map<(typeof PRODUCT_CODES)[number], LoadedGbdt>();
  for (const p of PRODUCT_CODES) {
    const m = await loadNewestValid(db, MODEL_NAMES.propensity(p), warnings);
    if (m?.kind === 'gbdt') propensity.set(p, m);
    else if (m) warnings.push(`Model ${MODEL_NAMES.propensity(p)} is a ${m.kind}, expected a tree model; ignored`);
  }
  if (credit && credit.kind !== 'scorecard') warnings.push(`Model ${MODEL_NAMES.credit} is not a scorecard; ignored`);
  if (churn && churn.kind !== 'gbdt') warnings.push(`Model ${MODEL_NAMES.churn} is not a tree model; ignored`);
  return {
    credit: credit?.kind === 'scorecard' ? (credit as LoadedScorecard) : null,
    churn: churn?.kind === 'gbdt' ? (churn as LoadedGbdt) : null,
    propensity,
    warnings,
  };
}

/** Marks a version retired (kept for audit, never loaded); the previous active version takes over. */
export async function retireModelVersion(db: Kysely<Database>, name: string, version: number): Promise<void> {
  await withModelTables(db).updateTable('model_registry').set({ status: 'retired' }).where('name', '=', name).where('version', '=', version).execute();
}
