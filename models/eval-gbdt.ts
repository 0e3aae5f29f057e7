/**
 * Gradient-boosted trees as an evaluation model: categoricals become integer codes by training
 * frequency (unseen or missing → NaN) and are declared categorical to the tree learner.
 */
import type { EvalModel } from './eval-types';
import { fitGbdt, predictGbdtBatch } from './gbdt';
import { fitCodeEncoder, pick, transformCodes } from './tabular';

export const gbdtModel: EvalModel = {
  name: 'gbdt',
  description: 'gradient-boosted trees (scikit-learn HistGradientBoosting defaults), native categorical splits',
  fit(ds, train, seed) {
    const enc = fitCodeEncoder(ds.columns, train);
    const model = fitGbdt(transformCodes(enc, ds.columns, train), Array.from(pick(ds.target, train)), {
      categorical: enc.categorical,
      seed,
    });
    return (rows) => predictGbdtBatch(model, transformCodes(enc, ds.columns, rows));
  },
};

