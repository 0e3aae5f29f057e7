import type { FollowUpMessage } from '../skill';
import type { PortfolioStatsInput } from './index';

const FILTER_KEYS = ['product', 'ageMin', 'ageMax', 'city', 'minBalance', 'churnRisk', 'creditRiskBand'] as const;

/**
 * "only Shanghai", "what about Beijing", "只看高流失风险的", "over 40 instead": the previous question with
 * the filters this message names replaced or added. Undefined when the message names no filter (so
 * "why?" or an unrelated question is not taken for a refinement).
 */
export function refinePortfolioInput(previous: PortfolioStatsInput, message: FollowUpMessage): PortfolioStatsInput | undefined {
  if (message.kind === 'why' || message.kind === 'export') return undefined;
  const named = FILTER_KEYS.filter((k) => message.entities[k] !== undefined);
  if (named.length === 0) return undefined;
  const next: PortfolioStatsInput = { ...previous };
  for (const key of named) (next as Record<string, unknown>)[key] = message.entities[key];
  // A bound that contradicts the kept one ("over 60 instead" after "aged 30 to 50") replaces the range.
  if (next.ageMin !== undefined && next.ageMax !== undefined && next.ageMin > next.ageMax) {
    if (named.includes('ageMin')) delete next.ageMax;
    else delete next.ageMin;
  }
  return next;
}
