/**
 * The feature catalogue: the one place that says what every model input means, in which unit, how it
 * is computed as of a date, and how it reads in a reason sentence (English and Chinese).
 *
 * "As of D" means: only events strictly before the start of day D are visible (transactions with
 * `ts < D`, repayment months before D's month, accounts opened before D and not closed by then).
 * Training computes features as of the snapshot and looks for outcomes on or after it; scoring
 * computes them as of the data's "today" (`meta.as_of`).
 *
 * Some facts exist only as the bank's current state (account balances, complaint status): the schema
 * keeps no history of them, so their value "as of the snapshot" would be today's value and would leak
 * the outcome (a customer who left has zero balances today). Those features are `pointInTime: false`:
 * they are computed for profiles and drift reports but never used to train a model.
 */

/** How a value is shown in a sentence. */
export type FeatureFormat = 'integer' | 'decimal' | 'percent' | 'money' | 'flag';

export interface FeatureDefinition {
  /** Column name in feature rows, model artifacts and reason JSON. */
  readonly name: string;
  /** Reason wording; `{value}` is replaced by the customer's formatted value. */
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  /** Unit shown next to numbers in breakdowns (`years`, `CNY`, `count`, …). */
  readonly unit: string;
  readonly format: FeatureFormat;
  /** How it is computed as of D, in plain words (for model documentation). */
  readonly computation: string;
  /** True when the value as of a past date can be rebuilt from history (safe to train on). */
  readonly pointInTime: boolean;
  /** Sentence for a missing value (features that can be missing). */
  readonly missingEn?: string;
  readonly missingZh?: string;
}

const f = (
  name: string,
  format: FeatureFormat,
  unit: string,
  descriptionEn: string,
  descriptionZh: string,
  computation: string,
  pointInTime = true,
): FeatureDefinition => ({ name, format, unit, descriptionEn, descriptionZh, computation, pointInTime });

/** The products a customer can be offered (DESIGN.md), mirrored as `holds_<product>` flags. */
const withMissing = (d: FeatureDefinition, missingEn: string, missingZh: string): FeatureDefinition => ({ ...d, missingEn, missingZh });

const PRODUCT_FLAGS: readonly (readonly [string, string, string])[] = [
  ['credit_card', 'credit card', '信用卡'],
  ['personal_loan', 'personal loan', '个人贷款'],
  ['mortgage', 'mortgage', '房贷'],
  ['wealth_management', 'wealth management product', '理财产品'],
  ['term_deposit', 'term deposit', '定期存款'],
  ['sme_loan', 'SME loan', '小微企业贷款'],
  ['fx_remittance', 'FX remittance service', '跨境汇款服务'],
];

/** Every feature, in the column order of feature rows. */
export const FEATURES: readonly FeatureDefinition[] = [
  f('age', 'integer', 'years', 'Age {value}', '年龄{value}岁', 'whole years between birth_date and D'),
  f('tenure_months', 'integer', 'months', 'Customer for {value} months', '成为客户{value}个月', 'whole months between joined_date and D'),
  f('income', 'money', 'CNY', 'Declared annual income {value}', '申报年收入{value}', 'customers.annual_income (declared at onboarding)'),
  f('marketing_consent', 'flag', '0/1', 'Marketing consent: {value}', '营销同意：{value}', 'customers.marketing_consent'),
  f('products_held', 'integer', 'count', '{value} products held', '持有{value}个产品', 'distinct products of accounts open at D'),
  ...PRODUCT_FLAGS.map(([code, en, zh]) =>
    f(`holds_${code}`, 'flag', '0/1', `Holds a ${en}: {value}`, `持有${zh}：{value}`, `an open ${code} account at D`),
  ),
  f('credit_products_held', 'integer', 'count', '{value} credit products held', '持有{value}个信贷产品', 'open credit_card/personal_loan/mortgage/sme_loan accounts at D'),
  f('balance_trend_3m', 'money', 'CNY', 'Net money in/out over the last 3 months: {value}', '近3个月资金净流入/流出{value}', 'credits minus debits over the 90 days before D'),
  f('inflow_3m', 'money', 'CNY', 'Money received in the last 3 months: {value}', '近3个月入账金额{value}', 'sum of credit transactions over the 90 days before D'),
  f('salary_credits_3m', 'integer', 'count', '{value} salary or pension payments in the last 3 months', '近3个月工资或养老金入账{value}次', 'salary/pension credits over the 90 days before D'),
  f('transfer_out_3m', 'money', 'CNY', 'Transferred out {value} in the last 3 months', '近3个月转出{value}', 'sum of transfer_out debits over the 90 days before D'),
  f('spend_3m', 'money', 'CNY', 'Spent {value} in the last 3 months', '近3个月消费{value}', 'debits other than transfers out over the 90 days before D'),
  f('txn_count_30d', 'integer', 'count', '{value} transactions in the last 30 days', '近30天交易{value}笔', 'transactions in the 30 days before D'),
  f('txn_count_90d', 'integer', 'count', '{value} transactions in the last 90 days', '近90天交易{value}笔', 'transactions in the 90 days before D'),
  withMissing(f('txn_count_trend', 'percent', 'ratio', 'Activity in the last 3 months vs the 3 before: {value}', '近3个月交易量为前3个月的{value}', 'transactions in days 1–90 before D ÷ days 91–180 (missing when the earlier period had none)'), 'No transactions in the 3 months before for comparison', '此前3个月无交易，无法比较'),
  withMissing(f('days_since_last_txn', 'integer', 'days', 'Last transaction {value} days ago', '距上次交易{value}天', 'days between the last transaction before D and D (missing when none)'), 'No transactions on record', '无交易记录'),
  withMissing(f('digital_share', 'percent', 'share', '{value} of transactions on mobile or online', '{value}的交易通过手机或网银', 'mobile+online share of transactions in the 90 days before D (missing when none)'), 'No transactions in the last 90 days', '近90天无交易'),
  f('cross_border_count_90d', 'integer', 'count', '{value} cross-border transactions in the last 90 days', '近90天跨境交易{value}笔', 'is_cross_border transactions in the 90 days before D'),
  f('max_dpd_12m', 'integer', 'days', 'Worst delay {value} days past due in the last 12 months', '近12个月最长逾期{value}天', 'largest days_past_due over repayment months in the 12 months before D'),
  f('count_dpd30_12m', 'integer', 'count', '{value} payments more than 30 days late in the last 12 months', '近12个月有{value}次逾期超过30天', 'repayment months with days_past_due >= 30 in the 12 months before D'),
  f('repayment_to_income', 'percent', 'share', 'Monthly repayments are {value} of income', '月还款额占收入的{value}', 'amount due in the month before D ÷ (annual income / 12); 10 when there is no income but a repayment is due'),
  f('prior_defaults', 'integer', 'count', '{value} earlier defaults', '曾有{value}次违约', 'credit facilities with a default_date before D'),
  f('complaints_12m', 'integer', 'count', '{value} complaints in the last 12 months', '近12个月投诉{value}次', 'complaint interactions in the 365 days before D'),
  f('complaints_90d', 'integer', 'count', '{value} complaints in the last 90 days', '近90天投诉{value}次', 'complaint interactions in the 90 days before D'),
  f('campaign_contacts_12m', 'integer', 'count', 'Contacted by {value} campaigns in the last 12 months', '近12个月接到{value}次营销', 'campaign contacts in the 365 days before D'),
  withMissing(f('campaign_accept_rate', 'percent', 'share', 'Accepted {value} of campaign offers', '接受了{value}的营销邀约', 'accepted ÷ contacted over all campaign contacts before D (missing when never contacted)'), 'Never contacted by a campaign', '从未接到营销'),
  f('total_assets', 'money', 'CNY', 'Total deposits and investments {value}', '存款及投资总额{value}', 'current balances of open deposit/investment accounts (current state only)', false),
  withMissing(f('credit_utilisation', 'percent', 'share', 'Using {value} of credit limits', '已用信贷额度{value}', 'owed ÷ limit over open credit accounts (current state only)', false), 'No credit limit', '无信贷额度'),
  f('open_complaints', 'integer', 'count', '{value} open complaints', '{value}个未解决投诉', 'complaints filed before D whose status is open (current state only)', false),
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((d) => d.name);

/** Features a model may be trained on: those whose past value can be rebuilt without leakage. */
export const MODEL_FEATURES: readonly string[] = FEATURES.filter((d) => d.pointInTime).map((d) => d.name);

const BY_NAME = new Map(FEATURES.map((d) => [d.name, d]));

/** The definition of a feature; throws for a name the catalogue does not know. */
export function featureDefinition(name: string): FeatureDefinition {
  const d = BY_NAME.get(name);
  if (!d) throw new Error(`Unknown feature "${name}": it is not in models/features/catalogue.ts`);
  return d;
}

export function isKnownFeature(name: string): boolean {
  return BY_NAME.has(name);
}

/** Column index of a feature in feature rows. */
export function featureIndex(name: string): number {
  const i = FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`Unknown feature "${name}": it is not in models/features/catalogue.ts`);
  return i;
}
