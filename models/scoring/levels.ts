/**
 * Churn risk levels. The cut-offs are probabilities of closing the everyday account within the next
 * six months; with a bank-wide base rate of a few per cent, "high" is roughly five times the base
 * rate and "medium" roughly double it, so the high list is short enough for relationship managers to
 * call every customer on it.
 */
export const CHURN_LEVEL_CUTOFFS = { high: 0.3, medium: 0.1 } as const;

export type ChurnLevel = 'high' | 'medium' | 'low';

export function churnLevel(probability: number): ChurnLevel {
  if (!(probability >= 0 && probability <= 1)) throw new Error(`churnLevel: probability must be within [0, 1], got ${probability}`);
  return probability >= CHURN_LEVEL_CUTOFFS.high ? 'high' : probability >= CHURN_LEVEL_CUTOFFS.medium ? 'medium' : 'low';
}
