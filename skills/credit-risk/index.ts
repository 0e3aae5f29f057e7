import { z } from 'zod';
import { withCustomer } from '../common-answers';
import { entitiesSchema } from '../contracts';
import { modelUnavailableAnswer } from '../model-unavailable';
import { quotePolicy, type PolicyQuote } from '../policy-quote';
import { defineSkill } from '../skill';
import { renderCreditRisk } from './card';

export const creditRiskInput = entitiesSchema.pick({ customerId: true, customerName: true }).extend({
  /** The full breakdown by characteristic ("why?"). */
  detail: z.boolean().optional(),
});

export interface CreditRiskResult {
  [key: string]: unknown;
  customerId: string;
  name: string;
  score: number;
  band: string;
  pd: number;
  bandPdRange: { min: number; max: number } | null;
  reasons: Array<{ feature: string; lostPoints: number; text: string }>;
  breakdown?: Array<{ feature: string; value: number | null; bin: string; points: number; maxPoints: number; lostPoints: number; text: string }>;
  modelVersion: number;
  asOf: string;
  policy: PolicyQuote[];
}

export const creditRiskSkill = defineSkill({
  name: 'credit_risk',
  description: "A customer's credit score, risk band A–E and probability of default, the characteristics that cost the most points, and what the credit policy says for that band. Set detail for the full breakdown.",
  input: creditRiskInput,
  permission: 'customer',
  followUp(previous, message) {
    return message.kind === 'why' ? { ...previous, detail: true } : undefined;
  },
  run: (input, ctx) =>
    withCustomer(input, ctx, async (customer) => {
      const lang = ctx.language;
      const model = ctx.services.models.active.credit;
      if (!model) return modelUnavailableAnswer(lang, 'credit scorecard', customer.id);
      const explanation = await ctx.services.models.explain(customer.id);
      if (!explanation?.credit) return modelUnavailableAnswer(lang, 'credit scorecard', customer.id);
      const c = explanation.credit;
      const text = (en: string, zh: string) => (lang === 'zh' ? zh : en);
      const range = model.card.bands.find((b) => b.band === c.band);
      const lost = c.characteristics.filter((x) => x.lostPoints > 0).sort((a, b) => b.lostPoints - a.lostPoints);
      const result: CreditRiskResult = {
        customerId: customer.id,
        name: customer.name,
        score: Math.round(c.score),
        band: c.band,
        pd: c.pd,
        bandPdRange: range ? { min: range.minPd, max: Math.min(range.maxPd, 1) } : null,
        reasons: lost.slice(0, 3).map((x) => ({ feature: x.feature, lostPoints: round1(x.lostPoints), text: text(x.text_en, x.text_zh) })),
        ...(input.detail
          ? {
              breakdown: c.characteristics.map((x) => ({
                feature: x.feature,
                value: x.value,
                bin: x.binLabel,
                points: round1(x.points),
                maxPoints: round1(x.maxPoints),
                lostPoints: round1(x.lostPoints),
                text: text(x.text_en, x.text_zh),
              })),
            }
          : {}),
        modelVersion: c.modelVersion,
        asOf: explanation.asOf,
        policy: [quotePolicy(ctx.services, 'creditBandPolicy', lang), quotePolicy(ctx.services, 'approvalAuthority', lang)],
      };
      const { card, text: plain } = renderCreditRisk(result, lang);
      return { outcome: 'answered', result, card, text: plain };
    }),
});

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
