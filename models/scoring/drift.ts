/**
 * Feature drift of a model: PSI of its most important features between the training profile stored
 * in the registry and the bank's customers today (a spread sample of up to 50,000 from the model's own
 * population), banded stable < 0.1, moderate < 0.25, act ≥ 0.25.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { featureIndex } from '../features/catalogue';
import { computeFeatureRows, type CustomerPageRow, type FeatureRows } from '../features/feature-sql';
import { readAsOf } from '../features/stream';
import { psi, psiBand, type PsiBand } from '../psi';
import type { LoadedModel } from '../registry/types';

export interface FeatureDrift {
  feature: string;
  psi: number;
  band: PsiBand;
}

export interface DriftReport {
  model: string;
  version: number;
  trainedOnSnapshot: string;
  asOf: string;
  sampled: number;
  /** Most important features first. */
  features: FeatureDrift[];
  /** Worst band over the reported features. */
  overall: PsiBand;
}

export interface DriftOptions {
  /** Compare with the customers as of this date (default meta.as_of). */
  asOf?: string;
  /** Largest sample of customers (default 50,000). */
  sampleSize?: number;
  /** How many of the most important features to report (default 10). */
  top?: number;
}

/** Features in order of importance: scorecard by information value, trees by the training rows their splits route. */
function importantFeatures(model: LoadedModel, top: number): string[] {
  if (model.kind === 'scorecard') {
    return [...model.card.characteristics].sort((a, b) => b.binning.iv - a.binning.iv).slice(0, top).map((c) => c.binning.name);
  }
  const weight = new Float64Array(model.model.nFeatures);
  const nd = model.model.nodes;
  for (let n = 0; n < nd.feature.length; n++) if (nd.feature[n] >= 0) weight[nd.feature[n]] += nd.cover[n];
  return model.record.features
    .map((name, j) => ({ name, w: weight[j] }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, top)
    .map((x) => x.name);
}

/** Whether a customer row belongs to the population the model was trained on. */
function inPopulation(model: LoadedModel, rows: FeatureRows, i: number): boolean {
  const v = (name: string) => rows.values[i * rows.width + featureIndex(name)];
  if (model.record.name === 'credit_scorecard') return v('credit_products_held') > 0;
  if (!rows.active[i]) return false;
  const product = /^propensity_(.+)$/.exec(model.record.name)?.[1];
  return product === undefined || !(v(`holds_${product}`) >= 0.5);
}

/** PSI report of `model` against today's customers. */
export async function featureDriftReport(db: Kysely<Database>, model: LoadedModel, options: DriftOptions = {}): Promise<DriftReport> {
  const asOf = options.asOf ?? (await readAsOf(db));
  const sampleSize = options.sampleSize ?? 50_000;
  const top = options.top ?? 10;
  if (!Number.isInteger(sampleSize) || sampleSize < 100) throw new Error(`sampleSize must be an integer >= 100, got ${sampleSize}`);
  const features = importantFeatures(model, top);
  const columns = features.map((f) => ({ name: f, index: featureIndex(f), values: [] as number[] }));
  let sampled = 0;
  for (const page of await samplePages(db, asOf, sampleSize)) {
    const rows = await computeFeatureRows(db, asOf, page);
    for (let i = 0; i < rows.ids.length; i++) {
      if (!inPopulation(model, rows, i)) continue;
      sampled++;
      for (const c of columns) c.values.push(rows.values[i * rows.width + c.index]);
    }
  }
  const drift = columns.map((c) => {
    const reference = model.record.featureProfile[c.name];
    if (!reference) throw new Error(`Model ${model.record.name} v${model.record.version} has no training profile for ${c.name}`);
    const value = c.values.length > 0 ? psi(reference, c.values) : Number.NaN;
    return { feature: c.name, psi: Math.round(value * 10_000) / 10_000, band: Number.isNaN(value) ? 'act' : psiBand(Math.max(0, value)) } as FeatureDrift;
  });
  const rank: Record<PsiBand, number> = { stable: 0, moderate: 1, act: 2 };
  const overall = drift.reduce<PsiBand>((w, d) => (rank[d.band] > rank[w] ? d.band : w), 'stable');
  return { model: model.record.name, version: model.record.version, trainedOnSnapshot: model.record.snapshotDate, asOf, sampled, features: drift, overall };
}

/**
 * Up to `size` customers who had joined before `asOf`, in a few id-contiguous blocks spread evenly over
 * the id range (so old and new customers are both represented), each block one set of grouped queries.
 */
async function samplePages(db: Kysely<Database>, asOf: string, size: number): Promise<CustomerPageRow[][]> {
  const total = Number(
    (await sql<{ n: number | string }>`SELECT count(*) AS n FROM customers WHERE joined_date < ${asOf}`.execute(db)).rows[0]?.n ?? 0,
  );
  if (total <= size) return [await block(db, asOf, 0, total)];
  const blocks = 10;
  const per = Math.floor(size / blocks);
  const pages: CustomerPageRow[][] = [];
  for (let b = 0; b < blocks; b++) pages.push(await block(db, asOf, Math.floor((b * total) / blocks), per));
  return pages;
}

async function block(db: Kysely<Database>, asOf: string, offset: number, limit: number): Promise<CustomerPageRow[]> {
  const r = await sql<CustomerPageRow>`SELECT id, birth_date, joined_date, annual_income, marketing_consent
    FROM customers WHERE joined_date < ${asOf} ORDER BY id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return r.rows;
}
