import type { Language } from '../contracts';
import { formatMoney, formatPercent, t } from '../i18n';
import type { BarChartSpec } from './bar-chart';

/** What the segment overview chart shows for one segment. */
export interface SegmentBar {
  readonly name: string;
  readonly customers: number;
  readonly share: number;
  readonly meanAssets: number;
}

/** Segment sizes next to mean assets per customer, labelled in the user's language. */
export function segmentOverviewChart(segments: readonly SegmentBar[], lang: Language, asOf: string): BarChartSpec {
  const total = segments.reduce((s, x) => s + x.customers, 0);
  return {
    title: t(lang, 'Customer segments', '客群概览'),
    subtitle: t(lang, `${total.toLocaleString('en-US')} customers · data as of ${asOf}`, `共 ${total.toLocaleString('en-US')} 位客户 · 数据截至 ${asOf}`),
    categories: segments.map((s) => s.name),
    panels: [
      {
        title: t(lang, 'Customers (share)', '客户数(占比)'),
        values: segments.map((s) => s.customers),
        labels: segments.map((s) => `${s.customers.toLocaleString('en-US')} (${formatPercent(s.share)})`),
        color: '#2563eb',
      },
      {
        title: t(lang, 'Mean assets per customer', '户均资产'),
        values: segments.map((s) => Math.max(0, s.meanAssets)),
        labels: segments.map((s) => formatMoney(s.meanAssets)),
        color: '#059669',
      },
    ],
  };
}
