import { z } from 'zod';
import { card, paragraph } from '../cards';
import { t } from '../i18n';
import { defineSkill } from '../skill';
import { renderSegmentOverview } from './card';
import { summariseSegments, type SegmentSummary } from './summary';

export const segmentOverviewInput = z.object({});

/** Every segment of the newest segmentation; the card was rendered from this (also the turn trace's `result`). */
export interface SegmentOverviewResult {
  [key: string]: unknown;
  modelVersion: string;
  trainedAt: string;
  asOf: string;
  /** Customers over all segments (the sum of the sizes). */
  customers: number;
  segments: SegmentSummary[];
  /** Absolute link to the PNG chart of sizes and mean assets. */
  chartUrl: string;
}

export const segmentOverviewSkill = defineSkill({
  name: 'segment_overview',
  description:
    'All customer segments of the newest segmentation: size and share, mean age, mean assets, products held, digital and cross-border shares, what sets each apart, with a chart.',
  input: segmentOverviewInput,
  permission: 'staff',
  async run(_input, ctx) {
    const lang = ctx.language;
    const current = await ctx.services.segments.current();
    if (!current || current.segments.length === 0) {
      const text = t(lang, 'No customer segmentation has been trained yet. An administrator can run `npm run train` to build one.',
        '尚未训练客户分群模型。管理员可运行 `npm run train` 生成。');
      return { outcome: 'not_found', result: { modelVersion: null }, card: card([paragraph(text, { color: 'Warning' })]), text };
    }
    const segments = summariseSegments(current, lang);
    const result: SegmentOverviewResult = {
      modelVersion: current.modelVersion,
      trainedAt: current.trainedAt,
      asOf: current.asOf,
      customers: segments.reduce((a, s) => a + s.size, 0),
      segments,
      chartUrl: ctx.services.charts.segmentOverview(current.modelVersion, lang),
    };
    const { card: answerCard, text } = renderSegmentOverview(result, lang);
    return { outcome: 'answered', result, card: answerCard, text };
  },
});
