import { card, heading, paragraph, subtle, table, type AdaptiveCard, type CardElement } from '../cards';
import type { Language } from '../contracts';
import { formatMoney, t } from '../i18n';
import { policySection } from '../policy-quote';
import type { TransactionAnomaliesResult } from './index';

const PREVIEW_ROWS = 10;

export function renderAnomalies(r: TransactionAnomaliesResult, lang: Language): { card: AdaptiveCard; text: string } {
  const who =
    r.mode === 'customer'
      ? t(lang, `${r.name} (${r.customerId})`, `${r.name}(${r.customerId})`)
      : scopeLabel(r.scope ?? '', lang);
  const title = t(lang, `Unusual transactions: ${who}`, `异常交易:${who}`);
  const window = t(lang, `last ${r.windowDays} days (since ${r.since})`, `近${r.windowDays}天(自 ${r.since} 起)`);
  let summary: string;
  if (!r.detectorHasRun) {
    summary = t(lang, 'The anomaly detector has not run on this data yet; an administrator can run "npm run train".',
      '异常交易检测尚未在当前数据上运行;管理员可运行 "npm run train"。');
  } else if (r.total === 0) {
    summary = t(lang, `No unusual transactions in the ${window}.`, `${window}内没有异常交易。`);
  } else if (r.mode === 'customer') {
    summary = t(lang, `${r.total} unusual transaction(s) in the ${window}.`, `${window}内有 ${r.total} 笔异常交易。`);
  } else {
    summary = t(lang, `${r.total} unusual transaction(s) across ${r.customers} customer(s) in the ${window}; the highest scores first.`,
      `${window}内共有 ${r.customers} 位客户的 ${r.total} 笔异常交易,按分数从高到低列出。`);
  }
  const shown = r.rows.slice(0, PREVIEW_ROWS);
  const body: CardElement[] = [heading(title), subtle(t(lang, `Data as of ${r.asOf}`, `数据截至 ${r.asOf}`)), paragraph(summary, r.total > 0 ? { color: 'Warning' } : {})];
  if (shown.length > 0) {
    const headers =
      r.mode === 'customer'
        ? [t(lang, 'Date', '日期'), t(lang, 'Amount', '金额'), t(lang, 'Where', '地点'), t(lang, 'Score', '分数'), t(lang, 'Why', '原因')]
        : [t(lang, 'Customer', '客户'), t(lang, 'Date', '日期'), t(lang, 'Amount', '金额'), t(lang, 'Score', '分数'), t(lang, 'Why', '原因')];
    body.push(
      table(
        headers,
        shown.map((row) => {
          const why = row.reasons.slice(0, 2).join('; ');
          const amount = `${row.direction === 'credit' ? '+' : '−'}${formatMoney(row.amount)}`;
          return r.mode === 'customer'
            ? [row.date, amount, `${row.merchant} (${row.country})`, row.score.toFixed(2), why]
            : [`${row.customerName} ${row.customerId}`, row.date, amount, row.score.toFixed(2), why];
        }),
      ),
    );
  }
  body.push(...policySection(r.policy, lang));
  const text = [
    title,
    summary,
    ...shown.map((row) => `- ${row.date} ${row.customerId} ${formatMoney(row.amount)} ${row.merchant} (${row.country}) score ${row.score.toFixed(2)}: ${row.reasons.join('; ')}`),
    ...r.policy.map((p) => `${p.citation}: ${p.excerpt}`),
  ].join('\n');
  return { card: card(body), text };
}

function scopeLabel(scope: string, lang: Language): string {
  if (scope === 'bank') return t(lang, 'whole bank', '全行');
  const [kind, id] = scope.split(' ');
  if (kind === 'branch') return t(lang, `branch ${id}`, `网点 ${id}`);
  return t(lang, `your portfolio (${id})`, `您的客户(${id})`);
}
