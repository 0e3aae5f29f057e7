/**
 * First start of the bot: when the registry has no usable model at all, train every model
 * and score every customer; when models exist but no scores are stored, score; otherwise just load.
 */
import type { BankDatabase } from '../../data/database';
import { loadActiveModels } from '../registry/repository';
import { withModelTables } from '../registry/tables';
import type { ActiveModels } from '../registry/types';
import { scoreAllCustomers, type ScoringReport } from '../scoring/batch';
import { runInsights, type InsightReport } from './insights';
import { trainAllModels, type TrainOptions, type TrainReport } from './train';

export interface EnsureModelsOptions extends Pick<TrainOptions, 'seed' | 'pageSize'> {
  onProgress?: (line: string) => void;
}

export interface EnsuredModels {
  models: ActiveModels;
  /** Set when this call trained models. */
  training: TrainReport | null;
  /** Set when this call scored customers. */
  scoring: ScoringReport | null;
  /** Segmentation and anomaly flags made by this call (only what was missing). */
  insights: InsightReport;
}

/** Advisory-lock key shared by every bot instance on one PostgreSQL database ("bankcopi" in ASCII). */
const ENSURE_MODELS_LOCK = 0x62616e6b636f7069n;

export async function ensureModels(bank: BankDatabase, options: EnsureModelsOptions = {}): Promise<EnsuredModels> {
  // Several instances starting together on one PostgreSQL database: one trains, the others wait and
  // then load what it registered (SQLite has a single process per file in practice).
  if (!bank.pgPool) return ensureModelsUnlocked(bank, options);
  const client = await bank.pgPool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [ENSURE_MODELS_LOCK.toString()]);
    try {
      return await ensureModelsUnlocked(bank, options);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [ENSURE_MODELS_LOCK.toString()]);
    }
  } finally {
    client.release();
  }
}

async function ensureModelsUnlocked(bank: BankDatabase, options: EnsureModelsOptions): Promise<EnsuredModels> {
  const say = options.onProgress ?? (() => undefined);
  let models = await loadActiveModels(bank.db);
  for (const w of models.warnings) say(`[models] warning: ${w}`);
  let training: TrainReport | null = null;
  let scoring: ScoringReport | null = null;
  if (!models.credit && !models.churn && models.propensity.size === 0) {
    say('[models] the model registry has no usable model: training now');
    training = await trainAllModels(bank, { seed: options.seed, pageSize: options.pageSize, onProgress: say });
    models = await loadActiveModels(bank.db);
    for (const w of models.warnings) say(`[models] warning: ${w}`);
  }
  const stored = await withModelTables(bank.db).selectFrom('customer_scores').select('customer_id').limit(1).executeTakeFirst();
  if (training || !stored) scoring = await scoreAllCustomers(bank, models, { pageSize: options.pageSize, onProgress: say });
  const insights = await runInsights(bank, { seed: options.seed, force: training !== null, onProgress: say });
  return { models, training, scoring, insights };
}
