import type { CustomerScope } from '../../data/scope';
import { PRODUCT_CODES } from '../../data/vocabulary';
import { bullets, card, facts, heading, paragraph, section, subtle, submitAction, table, type AdaptiveCard, type CardElement } from '../cards';
import type { Language } from '../contracts';
import { cityName, formatMoney, t } from '../i18n';
import { productName } from '../product-names';
import { PREVIEW_ROWS } from './input';
import type { AppliedFilters, CampaignList } from './list';

const CHURN_ZH: Record<string, string> = { high: '高', medium: '中', low: '低' };

export interface CampaignCardExtras {
  scope: CustomerScope;
  /** Policy citations the compliance section quotes (already formatted). */
  citations: string[];
  exportLink?: { url: string; expiresAt: string };
  /** The user asked for the export ("export it"): the link is the point of the answer. */
  exportRequested: boolean;
  /** How many rows the export will hold. */
  exportRows: number;
}

/** The list card: summary, filters, contact rules with their counts, top rows, export button; and its text. */
export function renderCampaignList(list: CampaignList, x: CampaignCardExtras, lang: Language): { card: AdaptiveCard; text: string } {
  const product = productName(list.product, lang);
  const shown = list.rows.length;
  const summary = t(lang,
    `${list.total.toLocaleString('en-US')} customers qualify for ${product} (${list.eligible.toLocaleString('en-US')} match the filters in ${scopeLabel(x.scope, lang)}, ${(list.eligible - list.total).toLocaleString('en-US')} removed by the contact rules). Showing the top ${shown}.`,
    `共 ${list.total.toLocaleString('en-US')} 位客户符合${product}营销条件(${scopeLabel(x.scope, lang)}内符合筛选条件 ${list.eligible.toLocaleString('en-US')} 位,按联系规则排除 ${(list.eligible - list.total).toLocaleString('en-US')} 位)。显示前 ${shown} 位。`);
  const provenance = t(lang,
    `Data as of ${list.asOf} · model ${list.modelVersion ?? '—'}${list.scoredAsOf ? ` (scored as of ${list.scoredAsOf})` : ''}`,
    `数据截至 ${list.asOf} · 模型 ${list.modelVersion ?? '—'}${list.scoredAsOf ? `(评分日期 ${list.scoredAsOf})` : ''}`);
  const filterPairs = filterFacts(list.filters, lang);
  const exclusionLines = exclusionText(list, lang);
  const preview = list.rows.slice(0, PREVIEW_ROWS);
  const exportLine = x.exportLink
    ? t(lang,
        `Export: ${x.exportRows.toLocaleString('en-US')} rows as CSV (phone numbers masked), for you only; the link expires ${x.exportLink.expiresAt.slice(0, 16).replace('T', ' ')} UTC.`,
        `导出:${x.exportRows.toLocaleString('en-US')} 行 CSV(电话已脱敏),仅限您本人下载;链接于 ${x.exportLink.expiresAt.slice(0, 16).replace('T', ' ')} UTC 失效。`)
    : undefined;

  const body: CardElement[] = [
    heading(t(lang, `Campaign targets: ${product}`, `营销目标客户:${product}`)),
    subtle(provenance),
    paragraph(summary),
  ];
  if (x.exportRequested && exportLine) body.push(paragraph(exportLine, { color: 'Accent' }));
  body.push(section(t(lang, 'Filters', '筛选条件')), facts(filterPairs));
  body.push(section(t(lang, 'Contact rules applied', '已执行的联系规则')), bullets(exclusionLines));
  if (x.citations.length > 0) body.push(subtle(t(lang, `Policy: ${x.citations.join('; ')}`, `依据:${x.citations.join(';')}`)));
  if (preview.length > 0) {
    body.push(
      section(t(lang, `Top ${preview.length}`, `前 ${preview.length} 位`)),
      table(
        ['#', t(lang, 'Customer', '客户'), t(lang, 'Phone', '电话'), t(lang, 'City', '城市'), t(lang, 'Score', '评分'), t(lang, 'Why on the list', '入选原因')],
        preview.map((r) => [String(r.rank), `${r.name} (${r.customerId})`, r.phone, cityName(r.city, lang), r.score.toFixed(3), r.reason]),
      ),
    );
    if (shown > preview.length) {
      body.push(subtle(t(lang, `${preview.length} of ${shown} shown here; the export has the full list.`, `此处显示 ${shown} 位中的 ${preview.length} 位;完整名单请导出。`)));
    }
  } else {
    body.push(paragraph(t(lang,
      'No customer passes the filters and the contact rules. Widen the filters, or check that the propensity scores have been computed (npm run train).',
      '没有客户同时满足筛选条件和联系规则。请放宽条件,或确认倾向评分已生成(npm run train)。'), { color: 'Warning' }));
  }
  if (!x.exportRequested && exportLine) body.push(subtle(exportLine));
  const actions = x.exportLink ? [{ type: 'Action.OpenUrl', title: t(lang, 'Export CSV', '导出 CSV'), url: x.exportLink.url }] : [];

  const text = [
    t(lang, `Campaign targets: ${product}. ${provenance}.`, `营销目标客户:${product}。${provenance}。`),
    summary,
    ...(exportLine && x.exportLink ? [`${exportLine} ${x.exportLink.url}`] : []),
    `${t(lang, 'Filters: ', '筛选条件:')}${filterPairs.map(([k, v]) => `${k} ${v}`).join(t(lang, '; ', ';'))}`,
    t(lang, 'Contact rules:', '联系规则:'),
    ...exclusionLines.map((l) => `- ${l}`),
    ...(x.citations.length > 0 ? [t(lang, `Policy: ${x.citations.join('; ')}`, `依据:${x.citations.join(';')}`)] : []),
    ...preview.map((r) => `${r.rank}. ${r.name} (${r.customerId}) ${r.phone} ${cityName(r.city, lang)} ${r.score.toFixed(3)}${t(lang, ': ', ':')}${r.reason}`),
  ].join('\n');
  return { card: card(body, actions), text };
}

/** "Which product?" with one button per campaign product; a click or the next message completes the request. */
export function renderProductQuestion(lang: Language): { card: AdaptiveCard; text: string; choices: Array<{ label: string; product: (typeof PRODUCT_CODES)[number] }> } {
  const choices = PRODUCT_CODES.map((p) => ({ label: productName(p, lang), product: p }));
  const question = t(lang, 'Which product? Pick one, or reply with its name or number.', '请问是哪个产品?请点选,或回复产品名称或序号。');
  return {
    card: card([heading(t(lang, 'Which product?', '请问是哪个产品?')), paragraph(question)], choices.map((c, i) => submitAction(`${i + 1}. ${c.label}`, { choose: { product: c.product } }))),
    text: [question, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n'),
    choices,
  };
}

function scopeLabel(scope: CustomerScope, lang: Language): string {
  switch (scope.kind) {
    case 'all':
      return t(lang, 'the whole bank', '全行');
    case 'branch':
      return t(lang, `branch ${scope.branchId}`, `网点 ${scope.branchId}`);
    case 'portfolio':
      return t(lang, 'your portfolio', '您名下客户');
  }
}

function filterFacts(f: AppliedFilters, lang: Language): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (f.ageMin !== undefined || f.ageMax !== undefined) {
    pairs.push([t(lang, 'Age', '年龄'), `${f.ageMin ?? '…'}–${f.ageMax ?? '…'}`]);
  }
  if (f.city) pairs.push([t(lang, 'City', '城市'), cityName(f.city, lang)]);
  if (f.minBalance !== undefined) pairs.push([t(lang, 'Total assets at least', '总资产不低于'), formatMoney(f.minBalance)]);
  if (f.segment) pairs.push([t(lang, 'Segment', '客群'), `${lang === 'zh' ? f.segment.nameZh : f.segment.nameEn} (#${f.segment.id})`]);
  if (f.churnRisk) pairs.push([t(lang, 'Churn risk', '流失风险'), t(lang, f.churnRisk, CHURN_ZH[f.churnRisk] ?? f.churnRisk)]);
  if (f.excludeChurnRisk?.length) {
    pairs.push([t(lang, 'Churn risk left out', '排除流失风险'), f.excludeChurnRisk.map((l) => t(lang, l, CHURN_ZH[l] ?? l)).join(t(lang, ', ', '、'))]);
  }
  if (f.creditRiskBand) pairs.push([t(lang, 'Credit band', '信用等级'), f.creditRiskBand]);
  if (f.limit !== undefined) pairs.push([t(lang, 'Customers asked for', '请求人数'), String(f.limit)]);
  if (pairs.length === 0) pairs.push([t(lang, 'Filters', '筛选'), t(lang, 'none', '无')]);
  return pairs;
}

function exclusionText(list: CampaignList, lang: Language): string[] {
  const e = list.exclusions;
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    t(lang, `No marketing consent: ${n(e.noConsent)} removed`, `未同意营销:排除 ${n(e.noConsent)} 位`),
    t(lang, `On the do-not-contact list: ${n(e.doNotContact)} removed`, `列入请勿联系名单:排除 ${n(e.doNotContact)} 位`),
    t(lang, `Contacted in the last ${list.contactCooldownDays} days: ${n(e.recentlyContacted)} removed`, `近 ${list.contactCooldownDays} 天内已联系:排除 ${n(e.recentlyContacted)} 位`),
    t(lang, `Already hold the product: ${n(e.alreadyHolds)} removed`, `已持有该产品:排除 ${n(e.alreadyHolds)} 位`),
  ];
  if (list.excludedBands.length > 0) {
    lines.push(t(lang, `Credit risk band ${list.excludedBands.join('–')} (credit product): ${n(e.riskBand)} removed`, `信用等级 ${list.excludedBands.join('–')}(信贷产品):排除 ${n(e.riskBand)} 位`));
  }
  return lines;
}
