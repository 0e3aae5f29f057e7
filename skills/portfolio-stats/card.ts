import { card, facts, heading, section, subtle, table, type AdaptiveCard, type CardElement } from '../cards';
import type { Language } from '../contracts';
import { cityName, formatMoney, formatPercent, t } from '../i18n';
import { productName } from '../product-names';
import type { ProductCode } from '../../data/vocabulary';
import type { PortfolioStatsResult, ScopeDescription } from './index';

const CHURN_ZH: Record<string, string> = { high: '高', medium: '中', low: '低', unscored: '未评分' };

/** Scope as a phrase: "your portfolio (S0010)", "branch B01", "the whole bank". */
export function scopeLabel(scope: ScopeDescription, lang: Language): string {
  switch (scope.kind) {
    case 'all':
      return t(lang, 'the whole bank', '全行');
    case 'branch':
      return t(lang, `branch ${scope.branchId}`, `${scope.branchId} 网点`);
    case 'portfolio':
      return t(lang, `your portfolio (${scope.rmId})`, `您的客户组合(${scope.rmId})`);
  }
}

/** The filters as short phrases in the user's language; empty when none was applied. */
export function filterPhrases(r: PortfolioStatsResult, lang: Language): string[] {
  const f = r.filters;
  const out: string[] = [];
  if (f.city) out.push(t(lang, `city ${f.city}`, `城市:${cityName(f.city, lang)}`));
  if (f.ageMin !== undefined && f.ageMax !== undefined) out.push(t(lang, `aged ${f.ageMin}–${f.ageMax}`, `年龄 ${f.ageMin}–${f.ageMax} 岁`));
  else if (f.ageMin !== undefined) out.push(t(lang, `aged ${f.ageMin} or over`, `${f.ageMin} 岁及以上`));
  else if (f.ageMax !== undefined) out.push(t(lang, `aged ${f.ageMax} or under`, `${f.ageMax} 岁及以下`));
  if (f.segment !== undefined) {
    const name = r.segments?.find((s) => s.segmentId === f.segment)?.name ?? String(f.segment);
    out.push(t(lang, `segment ${name}`, `客群:${name}`));
  }
  if (f.churnRisk) out.push(t(lang, `${f.churnRisk} churn risk`, `流失风险${CHURN_ZH[f.churnRisk]}`));
  if (f.creditRiskBand) out.push(t(lang, `credit band ${f.creditRiskBand}`, `信用等级 ${f.creditRiskBand}`));
  if (f.minBalance !== undefined) out.push(t(lang, `assets of at least ${formatMoney(f.minBalance)}`, `资产不少于 ${formatMoney(f.minBalance)}`));
  return out;
}

/** A text bar of up to 20 blocks, so a distribution reads at a glance even where tables render plainly. */
function bar(share: number): string {
  const n = Math.round(Math.max(0, Math.min(1, share)) * 20);
  return n > 0 ? '█'.repeat(n) : '▏';
}

function distribution(rows: Array<[string, number]>, total: number, lang: Language): CardElement {
  return table(
    [t(lang, 'Group', '分组'), t(lang, 'Customers', '客户数'), t(lang, 'Share', '占比'), ''],
    rows.map(([label, n]) => {
      const share = total > 0 ? n / total : 0;
      return [label, n.toLocaleString('en-US'), formatPercent(share), bar(share)];
    }),
  );
}

export function renderPortfolioStats(r: PortfolioStatsResult, product: ProductCode | undefined, lang: Language): { card: AdaptiveCard; text: string } {
  const scope = scopeLabel(r.scope, lang);
  const filters = filterPhrases(r, lang);
  const filterText = filters.length > 0 ? filters.join(t(lang, '; ', ';')) : t(lang, 'none', '无');
  const holders = r.productHolders;
  const headline: Array<[string, string]> = [
    [t(lang, 'Customers', '客户数'), r.customers.toLocaleString('en-US')],
    [t(lang, 'Total assets', '总资产'), formatMoney(r.totalAssets)],
    [t(lang, 'Average assets', '户均资产'), formatMoney(r.averageAssets)],
  ];
  if (holders && product) {
    headline.push([
      t(lang, `Holding ${productName(product, lang).toLowerCase()}`, `持有${productName(product, lang)}`),
      `${holders.customers.toLocaleString('en-US')} (${formatPercent(holders.share)})`,
    ]);
  }
  const churnRows: Array<[string, number]> = (['high', 'medium', 'low', 'unscored'] as const).map((k) => [
    lang === 'zh' ? CHURN_ZH[k]! : k,
    r.churnLevels[k],
  ]);
  const bandRows: Array<[string, number]> = (['A', 'B', 'C', 'D', 'E', 'unscored'] as const).map((k) => [
    k === 'unscored' ? t(lang, 'unscored', '未评分') : k,
    r.riskBands[k],
  ]);
  const body: CardElement[] = [
    heading(t(lang, `Portfolio statistics: ${scope}`, `客户组合统计:${scope}`)),
    subtle(t(lang, `Filters: ${filterText} · data as of ${r.asOf}`, `筛选条件:${filterText} · 数据截至 ${r.asOf}`)),
    facts(headline),
    section(t(lang, 'Churn risk', '流失风险分布')),
    distribution(churnRows, r.customers, lang),
    section(t(lang, 'Credit risk band', '信用风险等级分布')),
    distribution(bandRows, r.customers, lang),
  ];
  if (r.segments) {
    body.push(section(t(lang, 'Segments', '客群分布')), distribution(r.segments.map((s) => [s.name, s.customers]), r.customers, lang));
  }

  const lines = [
    t(lang, `Portfolio statistics for ${scope} (filters: ${filterText}; data as of ${r.asOf}).`,
      `${scope}的客户组合统计(筛选条件:${filterText};数据截至 ${r.asOf})。`),
    t(lang, `${r.customers.toLocaleString('en-US')} customers, total assets ${formatMoney(r.totalAssets)}, average ${formatMoney(r.averageAssets)}.`,
      `客户 ${r.customers.toLocaleString('en-US')} 位,总资产 ${formatMoney(r.totalAssets)},户均 ${formatMoney(r.averageAssets)}。`),
  ];
  if (holders && product) {
    lines.push(t(lang, `${holders.customers.toLocaleString('en-US')} of them (${formatPercent(holders.share)}) hold ${productName(product, lang).toLowerCase()}.`,
      `其中 ${holders.customers.toLocaleString('en-US')} 位(${formatPercent(holders.share)})持有${productName(product, lang)}。`));
  }
  const list = (rows: Array<[string, number]>) => rows.map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`).join(lang === 'zh' ? ',' : ', ');
  lines.push(t(lang, `Churn risk: ${list(churnRows)}.`, `流失风险:${list(churnRows)}。`));
  lines.push(t(lang, `Credit bands: ${list(bandRows)}.`, `信用等级:${list(bandRows)}。`));
  if (r.segments) lines.push(t(lang, `Segments: ${list(r.segments.map((s) => [s.name, s.customers]))}.`, `客群:${list(r.segments.map((s) => [s.name, s.customers]))}。`));
  return { card: card(body), text: lines.join('\n') };
}
