/** Holdout evaluation of a trained model: the four figures the registry keeps. */
import { brier, ks, prAuc, rocAuc } from '../metrics';

export interface HoldoutFigures {
  rocAuc: number;
  prAuc: number;
  ks: number;
  brier: number;
}

/** ROC AUC, PR AUC (average precision), KS and Brier score of probabilities `p` for 0/1 labels `y`. */
export function holdoutFigures(y: ArrayLike<number>, p: ArrayLike<number>): HoldoutFigures {
  return { rocAuc: rocAuc(y, p), prAuc: prAuc(y, p), ks: ks(y, p), brier: brier(y, p) };
}
