import type { FollowUpMessage } from '../skill';
import type { CampaignTargetsInput } from './input';

const EXCLUDING = /\b(?:exclude|excluding|without|except|remove|drop|minus|not|no)\b|排除|去掉|去除|剔除|不要|除了|除去|不含|不包括/i;

/**
 * Reads a follow-up on the last campaign list: "export it" / "导出" asks for the export link;
 * "only Shanghai" / "只要上海的", "top 50 instead", "aged 30 to 40", "only high churn" replace that
 * filter; "exclude high churn" / "排除高流失风险" leaves a churn level out. Undefined when the message
 * changes nothing about the list (so another skill may take it).
 */
export function campaignFollowUp(previous: CampaignTargetsInput, message: FollowUpMessage): CampaignTargetsInput | undefined {
  const { export: _wasExport, ...base } = previous;
  void _wasExport;
  if (message.kind === 'export') return { ...base, export: true };
  if (message.kind === 'why') return { ...base };
  const e = message.entities;
  const next: CampaignTargetsInput = { ...base };
  let changed = false;
  const set = <K extends keyof CampaignTargetsInput>(key: K, value: CampaignTargetsInput[K] | undefined) => {
    if (value === undefined) return;
    next[key] = value;
    changed = true;
  };
  set('product', e.product);
  set('city', e.city);
  set('ageMin', e.ageMin);
  set('ageMax', e.ageMax);
  set('minBalance', e.minBalance);
  set('creditRiskBand', e.creditRiskBand);
  set('limit', e.limit);
  if (e.churnRisk) {
    changed = true;
    if (EXCLUDING.test(message.text)) {
      next.excludeChurnRisk = [...new Set([...(next.excludeChurnRisk ?? []), e.churnRisk])];
      if (next.churnRisk === e.churnRisk) delete next.churnRisk;
    } else {
      next.churnRisk = e.churnRisk;
      if (next.excludeChurnRisk) {
        next.excludeChurnRisk = next.excludeChurnRisk.filter((l) => l !== e.churnRisk);
        if (next.excludeChurnRisk.length === 0) delete next.excludeChurnRisk;
      }
    }
  }
  return changed ? next : undefined;
}
