/**
 * What the registry stores about a trained model, and the loaded forms the scorers use.
 */
import type { ProductCode } from '../../data/vocabulary';
import type { GbdtModel } from '../gbdt';
import type { PsiProfile } from '../psi';
import type { Scorecard } from '../scorecard';

export type ModelKind = 'scorecard' | 'gbdt';

/** `active` versions are candidates for loading (newest valid wins); `retired` ones are kept for audit only. */
export type ModelStatus = 'active' | 'retired';

/** Holdout figures of a model (population = the model's own population at the snapshot). */
export interface ModelMetrics {
  rocAuc: number;
  prAuc: number;
  ks: number;
  brier: number;
  trainRows: number;
  holdoutRows: number;
  trainPositives: number;
  holdoutPositives: number;
  /** Share of positives in the whole population. */
  baseRate: number;
  trainSeconds: number;
}

/** A registry row without its artifact: what `model_info` shows. */
export interface ModelRecord {
  name: string;
  version: number;
  kind: ModelKind;
  trainedAt: string;
  snapshotDate: string;
  metrics: ModelMetrics;
  /** Feature names in the model's input order (catalogue names). */
  features: string[];
  /** Training distribution of each feature, for PSI drift. */
  featureProfile: Record<string, PsiProfile>;
  sha256: string;
  status: ModelStatus;
}

/** A model ready to score: its record plus the parsed, validated artifact. */
export type LoadedModel =
  | { readonly kind: 'scorecard'; readonly record: ModelRecord; readonly card: Scorecard }
  | { readonly kind: 'gbdt'; readonly record: ModelRecord; readonly model: GbdtModel };

export type LoadedScorecard = Extract<LoadedModel, { kind: 'scorecard' }>;
export type LoadedGbdt = Extract<LoadedModel, { kind: 'gbdt' }>;

/** The models the bot scores with, plus any warning about versions that were refused. */
export interface ActiveModels {
  readonly credit: LoadedScorecard | null;
  readonly churn: LoadedGbdt | null;
  readonly propensity: ReadonlyMap<ProductCode, LoadedGbdt>;
  readonly warnings: readonly string[];
}

/** Registry names of the bank's models. */
export const MODEL_NAMES = {
  credit: 'credit_scorecard',
  churn: 'churn_gbdt',
  propensity: (product: ProductCode) => `propensity_${product}`,
} as const;
