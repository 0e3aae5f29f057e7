/**
 * The behavioural features segmentation clusters on, in this order. Rows hold raw values (CNY, years,
 * shares 0..1); the model applies `log` (log1p) to heavy-tailed amounts and counts before standardising.
 */
export const SEGMENT_FEATURES = [
  { key: 'total_assets', transform: 'log', en: 'total assets (CNY)', zh: '总资产' },
  { key: 'annual_income', transform: 'log', en: 'annual income (CNY)', zh: '年收入' },
  { key: 'age', transform: 'none', en: 'age (years)', zh: '年龄' },
  { key: 'products_held', transform: 'none', en: 'products held', zh: '持有产品数' },
  { key: 'digital_share', transform: 'none', en: 'share of transactions on mobile/online', zh: '线上交易占比' },
  { key: 'cross_border_share', transform: 'none', en: 'share of cross-border transactions', zh: '跨境交易占比' },
  { key: 'transactions_per_month', transform: 'log', en: 'transactions per month', zh: '月均交易笔数' },
  { key: 'monthly_spend', transform: 'log', en: 'monthly spending (CNY)', zh: '月均支出' },
  { key: 'credit_usage', transform: 'none', en: 'credit used / credit limit', zh: '授信使用率' },
  { key: 'tenure_years', transform: 'none', en: 'years with the bank', zh: '开户年限' },
  { key: 'days_since_last_transaction', transform: 'none', en: 'days since last transaction', zh: '距上次交易天数' },
  { key: 'activity_trend', transform: 'none', en: 'last 90 days activity vs. the year', zh: '近90天活跃度变化' },
] as const;

export type SegmentFeatureKey = (typeof SEGMENT_FEATURES)[number]['key'];
export type FeatureTransform = 'log' | 'none';

export const SEGMENT_FEATURE_KEYS: readonly SegmentFeatureKey[] = SEGMENT_FEATURES.map((f) => f.key);

/** Column of a feature in a row. */
export function featureIndex(key: SegmentFeatureKey): number {
  return SEGMENT_FEATURE_KEYS.indexOf(key);
}

/** Longest look-back of the transaction features, and the cap of `days_since_last_transaction`. */
export const ACTIVITY_WINDOW_DAYS = 365;
