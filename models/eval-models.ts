/**
 * The models the evaluation command compares, each as "fit on training rows (preprocessing
 * included) → predictor for any rows". Encoders are fitted inside `fit`, on training rows only,
 * so nothing about the test fold leaks into the model.
 */
import { fitLogistic, predictProbaMatrix } from './logistic';
import { fitScorecard, predictScorecard } from './scorecard';
import { MODEL_NAMES, type EvalModel, type ModelName } from './eval-types';
import { fitLinearEncoder, pick, transformLinear } from './tabular';

export const logisticModel: EvalModel = {
  name: 'logistic',
  description: 'L2 logistic regression (C = 1, Newton), one-hot categoricals + standardised numerics',
  fit(ds, train) {
    const enc = fitLinearEncoder(ds.columns, train);
    const model = fitLogistic(transformLinear(enc, ds.columns, train), pick(ds.target, train), { C: 1 });
    return (rows) => predictProbaMatrix(model, transformLinear(enc, ds.columns, rows));
  },
};

export const scorecardModel: EvalModel = {
  name: 'scorecard',
  description: 'WoE scorecard: monotonic bins, IV >= 0.02, L2 logistic on WoE (C = 1), 600 @ 50:1, PDO 20',
  fit(ds, train) {
    const card = fitScorecard(ds.columns, ds.target, train);
    return (rows) => predictScorecard(card, ds.columns, rows);
  },
};

/**
 * Resolves a model by name. The tree model is loaded on demand so the linear models can be
 * evaluated (and the command starts quickly) without it.
 */
export async function loadEvalModel(name: ModelName): Promise<EvalModel> {
  switch (name) {
    case 'logistic':
      return logisticModel;
    case 'scorecard':
      return scorecardModel;
    case 'gbdt':
      return (await import('./eval-gbdt')).gbdtModel;
  }
}

/** Parses a comma-separated model list such as "logistic,scorecard". */
export function parseModelList(list: string): ModelName[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new Error(`no models given; choose from ${MODEL_NAMES.join(', ')}`);
  for (const n of names) {
    if (!(MODEL_NAMES as readonly string[]).includes(n)) throw new Error(`unknown model "${n}"; choose from ${MODEL_NAMES.join(', ')}`);
  }
  return names as ModelName[];
}
