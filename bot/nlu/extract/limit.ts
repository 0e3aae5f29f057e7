import type { Entities } from '../../../skills/contracts';
import { parseIntegerToken } from '../chinese-numerals';
import type { SpanMask } from './span-mask';

const MAX_LIMIT = 10_000;
const EN_WORDS: Readonly<Record<string, number>> = {
  five: 5, ten: 10, fifteen: 15, twenty: 20, 'twenty five': 25, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  'a hundred': 100, 'one hundred': 100,
};
const NOT_AMOUNT = String.raw`(?![\d.]|,\d|\s*(?:k|m|w|bn|mn)(?![a-z])|\s*(?:%|万|千|亿|元|岁|percent|million|thousand|years?\b))`;

// "top 25", "top25", "first 30", "best 10", "limit 20", "top fifty".
const EN_TOP = new RegExp(
  String.raw`\b(?:top|first|best|leading|limit(?:\s+(?:it\s+)?to)?)\s*(\d{1,5}|five|ten|fifteen|twenty five|twenty|thirty|forty|fifty|a hundred|one hundred|hundred)\b${NOT_AMOUNT}`,
  'g',
);
// "50 customers", "30 names", "20 leads".
const EN_COUNT = new RegExp(
  String.raw`\b(\d{1,5})\s+(?:more\s+)?(?:customers|clients|names|leads|prospects|candidates|people|targets|rows|results|records)\b`,
  'g',
);
// "前30个", "前 20 名", "前十名", "前50".
const ZH_TOP = /前\s*(\d{1,5}|[一二两三四五六七八九十百]+)\s*(?:个|名|位|条|户)?/g;
// "50个客户", "20名客户", "给我30个".
const ZH_COUNT = /(\d{1,5})\s*(?:个|名|位|户)(?!月|季度|星期|礼拜|小时|工作日)/g;

/** Reads how many rows the user wants ("top 25"). */
export function extractLimit(mask: SpanMask, out: Entities): void {
  const set = (n: number | undefined): boolean => {
    if (n === undefined || !Number.isInteger(n) || n <= 0 || n > MAX_LIMIT) return false;
    out.limit ??= n;
    return true;
  };
  mask.scan(EN_TOP, 'limit', (m) => set(/^\d/.test(m[1]!) ? Number(m[1]) : EN_WORDS[m[1]!]));
  mask.scan(EN_COUNT, 'limit', (m) => set(Number(m[1])));
  mask.scan(ZH_TOP, 'limit', (m) => set(parseIntegerToken(m[1]!)));
  mask.scan(ZH_COUNT, 'limit', (m) => set(Number(m[1])));
}
