import { z } from 'zod';
import type { FlaggedTransaction } from '../../data/repositories/flag-repository';
import { isoDaysBefore } from '../../data/repositories/customer-repository';
import { withCustomer } from '../common-answers';
import { entitiesSchema } from '../contracts';
import { quotePolicy, type PolicyQuote } from '../policy-quote';
import { defineSkill, type SkillContext } from '../skill';
import { renderAnomalies } from './card';

export const transactionAnomaliesInput = entitiesSchema.pick({ customerId: true, customerName: true, days: true }).extend({
  /** The user's words: "my portfolio" / "我的客户" without a customer asks for portfolio mode. */
  question: z.string().max(2000).optional(),
});

export interface AnomalyRow {
  transactionId: number;
  customerId: string;
  customerName: string;
  date: string;
  amount: number;
  direction: string;
  channel: string;
  merchant: string;
  country: string;
  score: number;
  reasons: string[];
}

export interface TransactionAnomaliesResult {
  [key: string]: unknown;
  mode: 'customer' | 'portfolio';
  customerId?: string;
  name?: string;
  scope?: string;
  windowDays: number;
  since: string;
  total: number;
  customers: number;
  rows: AnomalyRow[];
  detectorHasRun: boolean;
  modelVersion: string | null;
  asOf: string;
  policy: PolicyQuote[];
}

const CUSTOMER_WINDOW_DAYS = 90;
const PORTFOLIO_WINDOW_DAYS = 7;

export const transactionAnomaliesSkill = defineSkill({
  name: 'transaction_anomalies',
  description: "Unusual transactions with their reasons and scores: one customer's in a window (default 90 days), or across the asker's portfolio (default the last 7 days) when no customer is named. Cites the suspicious-transaction procedure.",
  input: transactionAnomaliesInput,
  permission: 'customer',
  async run(input, ctx) {
    if (!input.customerId && !input.customerName) return portfolioMode(input.days ?? PORTFOLIO_WINDOW_DAYS, ctx);
    return withCustomer(input, ctx, async (customer) => {
      const days = input.days ?? CUSTOMER_WINDOW_DAYS;
      const since = isoDaysBefore(ctx.services.asOf, days);
      const flags = await ctx.services.flags.forCustomer(customer.id, since);
      const result = baseResult('customer', days, since, flags, flags.length, flags.length > 0 ? 1 : 0, ctx, await ctx.services.flags.hasRun());
      result.customerId = customer.id;
      result.name = customer.name;
      const { card, text } = renderAnomalies(result, ctx.language);
      return { outcome: 'answered', result, card, text };
    });
  },
});

async function portfolioMode(days: number, ctx: SkillContext) {
  const scope = ctx.access.scope;
  if (!scope) throw new Error('transaction_anomalies needs a customer scope');
  const since = isoDaysBefore(ctx.services.asOf, days);
  const { total, customers, rows } = await ctx.services.flags.forScope(scope, since, 20);
  ctx.access.recordTouched(rows.map((r) => r.customerId));
  const result = baseResult('portfolio', days, since, rows, total, customers, ctx, await ctx.services.flags.hasRun());
  result.scope = scope.kind === 'all' ? 'bank' : scope.kind === 'branch' ? `branch ${scope.branchId}` : `portfolio ${scope.rmId}`;
  const { card, text } = renderAnomalies(result, ctx.language);
  return { outcome: 'answered' as const, result, card, text };
}

function baseResult(
  mode: 'customer' | 'portfolio',
  days: number,
  since: string,
  flags: FlaggedTransaction[],
  total: number,
  customers: number,
  ctx: SkillContext,
  detectorHasRun: boolean,
): TransactionAnomaliesResult {
  const lang = ctx.language;
  return {
    mode,
    windowDays: days,
    since,
    total,
    customers,
    rows: flags.map((f) => ({
      transactionId: f.transactionId,
      customerId: f.customerId,
      customerName: f.customerName,
      date: f.ts.slice(0, 10),
      amount: Math.round(f.amount * 100) / 100,
      direction: f.direction,
      channel: f.channel,
      merchant: f.merchant,
      country: f.country,
      score: Math.round(f.score * 1000) / 1000,
      reasons: f.reasons.map((r) => (lang === 'zh' ? r.zh : r.en)),
    })),
    detectorHasRun,
    modelVersion: flags[0]?.modelVersion ?? null,
    asOf: ctx.services.asOf,
    policy: [quotePolicy(ctx.services, 'suspiciousTransactionProcedure', lang), quotePolicy(ctx.services, 'noTippingOff', lang, 240)],
  };
}
