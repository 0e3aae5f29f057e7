/**
 * Row types of the tables added by migration 0002 (model registry and stored scores), and a typed
 * view of the bank database that includes them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';

export type ModelRegistryTable = {
  name: string;
  version: number;
  kind: string;
  trained_at: string;
  snapshot_date: string;
  metrics: string; // JSON ModelMetrics
  features: string; // JSON string[]
  feature_profile: string; // JSON Record<feature, PsiProfile>
  artifact: string;
  sha256: string;
  status: string;
};

export type CustomerScoresTable = {
  customer_id: string;
  as_of: string;
  credit_score: number | null;
  credit_band: string | null;
  pd: number | null;
  credit_reasons: string; // JSON CreditReasonCode[] (earlier runs: CreditReason[], with the sentences)
  churn_probability: number | null;
  churn_level: string | null;
  churn_reasons: string; // JSON ContributionReasonCode[] (earlier runs: with the sentences)
  credit_model_version: number | null;
  churn_model_version: number | null;
  run_id: string;
};

export type ProductPropensityTable = {
  customer_id: string;
  product: string;
  score: number;
  reasons: string; // JSON ContributionReasonCode[] (earlier runs: with the sentences)
  as_of: string;
  model_version: number;
  run_id: string;
};

export type ModelTables = {
  model_registry: ModelRegistryTable;
  customer_scores: CustomerScoresTable;
  product_propensity: ProductPropensityTable;
};

export type ModelDatabase = Database & ModelTables;

/** The bank database seen with the model tables. */
export function withModelTables(db: Kysely<Database>): Kysely<ModelDatabase> {
  return db.withTables<ModelTables>();
}
