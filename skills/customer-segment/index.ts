import { withCustomer } from '../common-answers';
import { entitiesSchema } from '../contracts';
import { ageAt } from '../i18n';
import { isAssetProduct } from '../product-names';
import { defineSkill } from '../skill';
import { notSegmentedAnswer, renderCustomerSegment } from './card';

export const customerSegmentInput = entitiesSchema.pick({ customerId: true, customerName: true });

/** One profile value: the customer's against the segment's average. */
export interface Comparison {
  key: 'age' | 'totalAssets' | 'products' | 'digitalShare' | 'crossBorderShare' | 'transactionsPerMonth';
  customer: number;
  segment: number;
}

export interface CustomerSegmentResult {
  [key: string]: unknown;
  customerId: string;
  name: string;
  segmentId: number;
  segmentName: string;
  description: string;
  segmentSize: number;
  segmentShare: number;
  comparison: Comparison[];
  modelVersion: string;
  asOf: string;
}

export const customerSegmentSkill = defineSkill({
  name: 'customer_segment',
  description: "Which behavioural segment a customer belongs to, what the segment is like, and how the customer compares with the segment's average profile.",
  input: customerSegmentInput,
  permission: 'customer',
  run: (input, ctx) =>
    withCustomer(input, ctx, async (customer) => {
      const lang = ctx.language;
      const [assigned, current] = await Promise.all([ctx.services.models.segmentOf(customer.id), ctx.services.segments.current()]);
      const segment = assigned && current?.modelVersion === assigned.modelVersion ? current.segments.find((s) => s.segmentId === assigned.segmentId) : undefined;
      if (!assigned || !current || !segment) {
        return notSegmentedAnswer(customer.id, lang);
      }
      const asOf = ctx.services.asOf;
      const profile = await ctx.services.customers.profile(customer.id, asOf, 90);
      const active = profile?.accounts.filter((a) => a.status === 'active') ?? [];
      const activity = profile?.activity;
      const p = segment.profile;
      const result: CustomerSegmentResult = {
        customerId: customer.id,
        name: customer.name,
        segmentId: segment.segmentId,
        segmentName: lang === 'zh' ? segment.nameZh : segment.nameEn,
        description: lang === 'zh' ? segment.descriptionZh : segment.descriptionEn,
        segmentSize: p.size,
        segmentShare: p.share,
        comparison: [
          { key: 'age', customer: ageAt(customer.birth_date, asOf), segment: round(p.meanAge, 1) },
          { key: 'totalAssets', customer: round(active.filter((a) => isAssetProduct(a.product)).reduce((s, a) => s + a.balance, 0), 0), segment: round(p.meanAssets, 0) },
          { key: 'products', customer: new Set(active.map((a) => a.product)).size, segment: round(p.meanProducts, 1) },
          { key: 'digitalShare', customer: round(activity?.digitalShare ?? 0, 3), segment: round(p.digitalShare, 3) },
          {
            key: 'crossBorderShare',
            customer: round(activity && activity.transactions > 0 ? activity.crossBorderCount / activity.transactions : 0, 3),
            segment: round(p.crossBorderShare, 3),
          },
          { key: 'transactionsPerMonth', customer: round((activity?.transactions ?? 0) / 3, 1), segment: round(p.meanTransactionsPerMonth, 1) },
        ],
        modelVersion: assigned.modelVersion,
        asOf,
      };
      const { card, text } = renderCustomerSegment(result, lang);
      return { outcome: 'answered', result, card, text };
    }),
});

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
