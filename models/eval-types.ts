/** Contracts shared by the evaluation command and the models it compares. */
import type { TabularDataset } from './tabular';

export const MODEL_NAMES = ['logistic', 'scorecard', 'gbdt'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Probabilities of target = 1 for the given rows of the data set. */
export type Predictor = (rows: ArrayLike<number>) => Float64Array;

export interface EvalModel {
  name: ModelName;
  /** What is fitted, for the report (e.g. "L2 logistic regression, C = 1, one-hot + standardised"). */
  description: string;
  fit(ds: TabularDataset, train: ArrayLike<number>, seed: number): Predictor;
}

