import { withCustomer } from '../common-answers';
import { entitiesSchema } from '../contracts';
import { modelUnavailableAnswer } from '../model-unavailable';
import { quotePolicy, type PolicyQuote } from '../policy-quote';
import { defineSkill } from '../skill';
import type { CitationKey } from '../../models/retrieval';
import { renderChurnRisk } from './card';

export const churnRiskInput = entitiesSchema.pick({ customerId: true, customerName: true });

export interface ChurnRiskResult {
  [key: string]: unknown;
  customerId: string;
  name: string;
  probability: number;
  level: 'high' | 'medium' | 'low';
  drivers: Array<{ feature: string; contribution: number; text: string }>;
  retentionActions: PolicyQuote[];
  modelVersion: number;
  asOf: string;
}

/** Which retention-playbook section answers each kind of churn driver. */
const PLAYBOOK_BY_FEATURE: Array<[RegExp, CitationKey]> = [
  [/^(txn_count|days_since_last_txn|digital_share|cross_border)/, 'retentionLowEngagement'],
  [/^(balance_trend|transfer_out|inflow|salary_credits|total_assets|spend)/, 'retentionFallingBalances'],
  [/complaints/, 'retentionComplaints'],
  [/^(campaign_|holds_|products_held|credit_products_held)/, 'retentionCompetitorRates'],
  [/^(age|tenure_months|income)/, 'retentionLifeEvents'],
];

export function playbookFor(feature: string): CitationKey {
  return PLAYBOOK_BY_FEATURE.find(([re]) => re.test(feature))?.[1] ?? 'retentionPlaybook';
}

export const churnRiskSkill = defineSkill({
  name: 'churn_risk',
  description: "How likely a customer is to leave the bank (probability and high/medium/low level), the drivers the churn model found for this customer, and the retention actions the playbook suggests for them.",
  input: churnRiskInput,
  permission: 'customer',
  run: (input, ctx) =>
    withCustomer(input, ctx, async (customer) => {
      const lang = ctx.language;
      if (!ctx.services.models.active.churn) return modelUnavailableAnswer(lang, 'churn', customer.id);
      const explanation = await ctx.services.models.explain(customer.id);
      if (!explanation?.churn) return modelUnavailableAnswer(lang, 'churn', customer.id);
      const c = explanation.churn;
      // Drivers are what pushed the probability up for this customer, largest first.
      const drivers = c.contributions.filter((x) => x.contribution > 0).slice(0, 3);
      const keys = [...new Set(drivers.map((d) => playbookFor(d.feature)))];
      if (keys.length === 0) keys.push('retentionPlaybook');
      const result: ChurnRiskResult = {
        customerId: customer.id,
        name: customer.name,
        probability: c.probability,
        level: c.level,
        drivers: drivers.map((d) => ({ feature: d.feature, contribution: d.contribution, text: lang === 'zh' ? d.text_zh : d.text_en })),
        retentionActions: keys.map((k) => quotePolicy(ctx.services, k, lang, 420)),
        modelVersion: c.modelVersion,
        asOf: explanation.asOf,
      };
      const { card, text } = renderChurnRisk(result, lang);
      return { outcome: 'answered', result, card, text };
    }),
});
