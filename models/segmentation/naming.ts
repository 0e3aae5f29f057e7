import { SEGMENT_FEATURE_KEYS, type SegmentFeatureKey } from './features';
import { populationMeans, type SegmentProfile } from './profile';

/** A segment's label and one-line description, in English and Chinese. */
export interface SegmentName {
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
}

type Z = Record<SegmentFeatureKey, number>;

/**
 * Archetypes a bank recognises, each scored on a centroid's standardised coordinates (0 = the bank's
 * average customer). Every segment gets the best archetype still free, strongest match first, so names
 * are unique and the clearest segments get the clearest names.
 */
const ARCHETYPES: readonly { en: string; zh: string; score: (z: Z) => number }[] = [
  { en: 'Affluent savers', zh: '高净值储蓄型', score: (z) => z.total_assets + 0.6 * z.annual_income + 0.3 * z.products_held },
  { en: 'Young digital spenders', zh: '年轻数字化消费型', score: (z) => -z.age + z.digital_share + 0.5 * z.transactions_per_month },
  { en: 'Cross-border travellers', zh: '跨境出行型', score: (z) => 2 * z.cross_border_share },
  {
    en: 'Dormant / at-risk',
    zh: '沉睡/流失风险型',
    score: (z) => z.days_since_last_transaction - 0.5 * z.transactions_per_month - 0.7 * z.activity_trend,
  },
  { en: 'Credit-reliant borrowers', zh: '信贷依赖型', score: (z) => 1.5 * z.credit_usage },
  { en: 'Mature traditional', zh: '成熟传统型', score: (z) => z.age - z.digital_share },
  { en: 'Loyal multi-product', zh: '多产品忠诚型', score: (z) => z.products_held + 0.7 * z.tenure_years },
  { en: 'New to bank', zh: '新晋客户型', score: (z) => -1.5 * z.tenure_years },
  { en: 'Active high spenders', zh: '活跃高消费型', score: (z) => z.monthly_spend + 0.5 * z.transactions_per_month },
  { en: 'Budget-conscious mass market', zh: '大众基础型', score: (z) => -0.7 * z.total_assets - 0.7 * z.annual_income },
  { en: 'Everyday mainstream', zh: '大众日常型', score: (z) => 0.5 - meanAbs(z) },
];

function meanAbs(z: Z): number {
  let s = 0;
  for (const key of SEGMENT_FEATURE_KEYS) s += Math.abs(z[key]);
  return s / SEGMENT_FEATURE_KEYS.length;
}

/**
 * Names for k segments from their standardised centroids and raw profiles. Unique by construction: when
 * there are more segments than archetypes the rest are numbered.
 */
export function nameSegments(centroidsZ: readonly (readonly number[])[], profiles: readonly SegmentProfile[]): SegmentName[] {
  if (centroidsZ.length !== profiles.length) throw new Error(`${centroidsZ.length} centroids for ${profiles.length} profiles`);
  const zs = centroidsZ.map((c) => Object.fromEntries(SEGMENT_FEATURE_KEYS.map((key, j) => [key, c[j] ?? 0])) as Z);
  const pairs: { s: number; a: number; score: number }[] = [];
  zs.forEach((z, s) => ARCHETYPES.forEach((arch, a) => pairs.push({ s, a, score: arch.score(z) })));
  // Ties broken by segment then archetype order, so naming is deterministic.
  pairs.sort((p, q) => q.score - p.score || p.s - q.s || p.a - q.a);
  const chosen = new Map<number, number>();
  const used = new Set<number>();
  for (const p of pairs) {
    if (chosen.has(p.s) || used.has(p.a)) continue;
    chosen.set(p.s, p.a);
    used.add(p.a);
  }
  const population = populationMeans(profiles);
  let extra = 0;
  return profiles.map((profile, s) => {
    const a = chosen.get(s);
    const base = a === undefined ? { en: `Segment ${++extra + ARCHETYPES.length}`, zh: `客群${extra + ARCHETYPES.length}` } : (ARCHETYPES[a] as (typeof ARCHETYPES)[number]);
    const [descriptionEn, descriptionZh] = describe(zs[s] as Z, profile, population);
    return { nameEn: base.en, nameZh: base.zh, descriptionEn, descriptionZh };
  });
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
/** "3.1×" (or "3.1倍" in Chinese) of the bank average. */
const times = (v: number, avg: number, unit = '×') => {
  if (!(avg > 0)) return 'n/a';
  const r = v / avg;
  if (r < 0.01) return `<0.01${unit}`;
  return `${r >= 0.1 ? r.toFixed(1) : r.toFixed(2)}${unit}`;
};
const cny = (v: number) => `¥${Math.round(v).toLocaleString('en-US')}`;

/** The segment's share plus its three most distinctive traits, in plain words. */
function describe(z: Z, p: SegmentProfile, pop: Record<SegmentFeatureKey, number>): [string, string] {
  const phrase: Record<SegmentFeatureKey, [string, string]> = {
    total_assets: [`assets ${times(p.meanAssets, pop.total_assets)} the bank average (${cny(p.meanAssets)})`, `资产为全行平均的${times(p.meanAssets, pop.total_assets, '倍')}（${cny(p.meanAssets)}）`],
    annual_income: [`income ${times(p.meanIncome, pop.annual_income)} the average`, `收入为平均水平的${times(p.meanIncome, pop.annual_income, '倍')}`],
    age: [`mean age ${Math.round(p.meanAge)}`, `平均年龄${Math.round(p.meanAge)}岁`],
    products_held: [`${p.meanProducts.toFixed(1)} products on average`, `平均持有${p.meanProducts.toFixed(1)}个产品`],
    digital_share: [`${pct(p.digitalShare)} of transactions on mobile/online`, `${pct(p.digitalShare)}的交易通过手机/网银`],
    cross_border_share: [`${pct(p.crossBorderShare)} of transactions abroad`, `${pct(p.crossBorderShare)}的交易发生在境外`],
    transactions_per_month: [`${p.meanTransactionsPerMonth.toFixed(1)} transactions a month`, `月均${p.meanTransactionsPerMonth.toFixed(1)}笔交易`],
    monthly_spend: [`spends ${cny(p.means.monthly_spend)} a month`, `月均支出${cny(p.means.monthly_spend)}`],
    credit_usage: [`uses ${pct(p.means.credit_usage)} of credit limits`, `授信使用率${pct(p.means.credit_usage)}`],
    tenure_years: [`${p.means.tenure_years.toFixed(1)} years with the bank`, `开户${p.means.tenure_years.toFixed(1)}年`],
    days_since_last_transaction: [`last transaction ${Math.round(p.meanDaysSinceLastTransaction)} days ago on average`, `平均${Math.round(p.meanDaysSinceLastTransaction)}天未交易`],
    activity_trend: [
      p.means.activity_trend < 1 ? `activity down to ${pct(p.means.activity_trend)} of their yearly pace` : `activity at ${pct(p.means.activity_trend)} of their yearly pace`,
      `近90天活跃度为全年水平的${pct(p.means.activity_trend)}`,
    ],
  };
  const top = [...SEGMENT_FEATURE_KEYS].sort((a, b) => Math.abs(z[b]) - Math.abs(z[a]) || a.localeCompare(b)).slice(0, 3);
  const en = `${pct(p.share)} of customers; ${top.map((k) => phrase[k][0]).join('; ')}.`;
  const zh = `占客户${pct(p.share)}；${top.map((k) => phrase[k][1]).join('；')}。`;
  return [en, zh];
}
