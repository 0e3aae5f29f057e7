import type { Entities } from '../../../skills/contracts';
import { parseChineseNumber } from '../chinese-numerals';
import type { SpanMask } from './span-mask';

const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3, thousand: 1e3, 千: 1e3, m: 1e6, mn: 1e6, mm: 1e6, million: 1e6, w: 1e4, 万: 1e4, 亿: 1e8, bn: 1e9, billion: 1e9,
};
const CURRENCY = String.raw`(?:¥|￥|rmb|cny|yuan|元|块)`;

// 200k, 1.2m, 50万, 1.5亿, 50,000, ¥300,000, RMB 2 million, 5000元.
const NUMERIC_AMOUNT = new RegExp(
  String.raw`(?:${CURRENCY}\s*)?(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|mn|mm|m|w|bn|thousand|million|billion|千|万|亿)?(?![a-z])(?:\s*${CURRENCY})?`,
  'g',
);
// 两百万, 五十万, 一千万, 三亿: Chinese numerals need a 万/亿 to be an amount.
const CHINESE_AMOUNT = /([零〇一二两三四五六七八九十百千]+)\s*(万|亿)(?:元|块)?/g;
// A plain number right after a balance word is an amount even without a unit ("balance above 50000").
const BALANCE_WORD = /(?:balance|aum|assets?|deposits?|savings|holdings|余额|资产|存款|金额)[^\d\u0001]{0,16}$/;

/** Reads the minimum balance, in CNY. */
export function extractMinBalance(mask: SpanMask, out: Entities): void {
  mask.scan(NUMERIC_AMOUNT, 'amount', (m) => {
    const raw = m[1]!;
    const unit = m[2];
    const hasCurrency = new RegExp(CURRENCY).test(m[0]);
    const grouped = raw.includes(',');
    const afterBalanceWord = BALANCE_WORD.test(mask.text.slice(Math.max(0, m.index - 24), m.index));
    if (!unit && !hasCurrency && !grouped && !(afterBalanceWord && Number(raw) >= 100)) return false;
    const value = Number(raw.replace(/,/g, '')) * (unit ? MULTIPLIERS[unit]! : 1);
    if (!Number.isFinite(value)) return false;
    out.minBalance ??= Math.round(value);
    return true;
  });
  mask.scan(CHINESE_AMOUNT, 'amount', (m) => {
    const n = parseChineseNumber(m[1]!);
    if (n === undefined) return false;
    out.minBalance ??= n * MULTIPLIERS[m[2]!]!;
    return true;
  });
}
