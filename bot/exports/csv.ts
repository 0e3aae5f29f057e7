import type { CampaignList } from '../../skills/campaign-targets';
import type { Language } from '../../skills/contracts';
import { t } from '../../skills/i18n';
import { productName } from '../../skills/product-names';

/** Excel reads a UTF-8 file as UTF-8 (Chinese names intact) only with a byte-order mark. */
const BOM = '\uFEFF';

/**
 * The campaign list as CSV for Excel: BOM, CRLF, RFC 4180 quoting, masked phones only (no identity
 * number, no e-mail), and every cell that a spreadsheet would read as a formula (= + - @, tab, CR)
 * prefixed with an apostrophe so a hostile name cannot run anything.
 */
export function campaignCsv(list: CampaignList, lang: Language): string {
  const header = [
    t(lang, 'rank', '排名'),
    t(lang, 'customer_id', '客户号'),
    t(lang, 'name', '姓名'),
    t(lang, 'name_pinyin', '拼音'),
    t(lang, 'phone_masked', '电话(脱敏)'),
    t(lang, 'city', '城市'),
    t(lang, 'age', '年龄'),
    t(lang, 'product', '产品'),
    t(lang, 'score', '评分'),
    t(lang, 'why_on_the_list', '入选原因'),
  ];
  const product = productName(list.product, lang);
  const lines = [header, ...list.rows.map((r) => [String(r.rank), r.customerId, r.name, r.namePinyin, r.phone, r.city, String(r.age), product, r.score.toFixed(4), r.reason])];
  return BOM + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One CSV cell: formula-neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
