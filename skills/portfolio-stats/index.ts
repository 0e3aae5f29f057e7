import { z } from 'zod';
import type { PortfolioFilters } from '../../data/repositories/portfolio-repository';
import type { CustomerScope } from '../../data/scope';
import type { ChurnLevel, ProductCode, RiskBand } from '../../data/vocabulary';
import { card, paragraph } from '../cards';
import { deniedAnswer } from '../common-answers';
import { entitiesSchema } from '../contracts';
import { t } from '../i18n';
import { defineSkill, type FollowUpMessage, type SkillAnswer } from '../skill';
import { renderPortfolioStats } from './card';
import { refinePortfolioInput } from './follow-up';

export const portfolioStatsInput = entitiesSchema
  .pick({ product: true, ageMin: true, ageMax: true, city: true, minBalance: true, churnRisk: true, creditRiskBand: true })
  .extend({
    /** Segment id of the current segmentation (as the segment overview lists them). */
    segment: z.number().int().min(0).optional().describe('Segment id of the current segmentation, as segment_overview lists them'),
  });
export type PortfolioStatsInput = z.infer<typeof portfolioStatsInput>;

/** How the caller's scope reads in the answer. */
export type ScopeDescription =
  | { kind: 'all' }
  | { kind: 'branch'; branchId: string }
  | { kind: 'portfolio'; rmId: string };

/** The governed figures the card was rendered from (also the turn trace's `result`). */
export interface PortfolioStatsResult {
  [key: string]: unknown;
  scope: ScopeDescription;
  /** The filters applied, as normalised entities (`segment` is a segment id). */
  filters: Omit<PortfolioStatsInput, 'product'>;
  customers: number;
  /** CNY: active current, savings, term deposit and wealth management balances. */
  totalAssets: number;
  /** totalAssets / customers, 0 when there are no customers. */
  averageAssets: number;
  /** When a product was asked about: how many of these customers hold it (active account). */
  productHolders?: { product: ProductCode; customers: number; share: number };
  churnLevels: Record<ChurnLevel | 'unscored', number>;
  riskBands: Record<RiskBand | 'unscored', number>;
  /** Customers per segment of the current segmentation; absent when no segmentation is trained. */
  segments?: Array<{ segmentId: number; name: string; customers: number }>;
  segmentModelVersion?: string;
  asOf: string;
}

export const portfolioStatsSkill = defineSkill({
  name: 'portfolio_stats',
  description:
    "Governed statistics over the customers the asker may see (an RM's own portfolio, a branch, or the whole bank): customer count, total and average assets, how many hold a product, churn-level, credit-band and segment distributions, filtered by city, age, product, segment, churn risk, credit band and minimum balance.",
  input: portfolioStatsInput,
  permission: 'portfolio',
  async run(input, ctx): Promise<SkillAnswer> {
    const scope = ctx.access.scope;
    if (!scope) return deniedAnswer(ctx.language);
    const lang = ctx.language;
    const asOf = ctx.services.asOf;
    const segmentation = await ctx.services.segments.currentNames();
    if (input.segment !== undefined && !segmentation?.segments.some((s) => s.segmentId === input.segment)) {
      const known = segmentation?.segments.map((s) => `${s.segmentId} ${lang === 'zh' ? s.nameZh : s.nameEn}`).join('; ');
      const text = known
        ? t(lang, `There is no segment ${input.segment}. The segments are: ${known}.`, `没有编号为 ${input.segment} 的客群。现有客群:${known}。`)
        : t(lang, 'No customer segmentation has been trained yet, so I cannot filter by segment.', '尚未训练客户分群模型,无法按客群筛选。');
      return { outcome: 'not_found', result: { segment: input.segment }, card: card([paragraph(text, { color: 'Warning' })]), text };
    }

    // "aged 50 to 30" means the same people as "aged 30 to 50".
    const [ageMin, ageMax] =
      input.ageMin !== undefined && input.ageMax !== undefined && input.ageMin > input.ageMax ? [input.ageMax, input.ageMin] : [input.ageMin, input.ageMax];
    const filters: PortfolioFilters = {
      city: input.city,
      ageMin,
      ageMax,
      segmentId: input.segment,
      churnRisk: input.churnRisk,
      creditRiskBand: input.creditRiskBand,
      minBalance: input.minBalance,
    };
    const figures = await ctx.services.portfolio.figures({
      scope,
      filters,
      asOf,
      product: input.product,
      segmentation: segmentation
        ? { modelVersion: segmentation.modelVersion, segmentIds: segmentation.segments.map((s) => s.segmentId) }
        : undefined,
    });

    const names = new Map(segmentation?.segments.map((s) => [s.segmentId, lang === 'zh' ? s.nameZh : s.nameEn]) ?? []);
    const result: PortfolioStatsResult = {
      scope: describeScope(scope),
      filters: withoutUndefined({ city: input.city, ageMin, ageMax, segment: input.segment, churnRisk: input.churnRisk, creditRiskBand: input.creditRiskBand, minBalance: input.minBalance }),
      customers: figures.customers,
      totalAssets: round2(figures.totalAssets),
      averageAssets: figures.customers > 0 ? round2(figures.totalAssets / figures.customers) : 0,
      ...(input.product && figures.productHolders !== null
        ? {
            productHolders: {
              product: input.product,
              customers: figures.productHolders,
              share: figures.customers > 0 ? figures.productHolders / figures.customers : 0,
            },
          }
        : {}),
      churnLevels: figures.churnLevels,
      riskBands: figures.riskBands,
      ...(figures.segments && segmentation
        ? {
            segments: [
              ...figures.segments.bySegment.map((s) => ({ segmentId: s.segmentId, name: names.get(s.segmentId) ?? String(s.segmentId), customers: s.customers })),
            ],
            segmentModelVersion: segmentation.modelVersion,
          }
        : {}),
      asOf,
    };
    if (figures.segments && figures.segments.unsegmented > 0 && result.segments) {
      result.segments.push({ segmentId: -1, name: t(lang, 'not segmented', '未分群'), customers: figures.segments.unsegmented });
    }
    const { card: answerCard, text } = renderPortfolioStats(result, input.product, lang);
    return { outcome: 'answered', result, card: answerCard, text };
  },
  followUp: (previous: PortfolioStatsInput, message: FollowUpMessage) => refinePortfolioInput(previous, message),
});

function describeScope(scope: CustomerScope): ScopeDescription {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'branch':
      return { kind: 'branch', branchId: scope.branchId };
    case 'portfolio':
      return { kind: 'portfolio', rmId: scope.rmId };
  }
}

function withoutUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
