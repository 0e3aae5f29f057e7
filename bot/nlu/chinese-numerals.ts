const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** Characters that can appear in a Chinese numeral, for building regular expressions. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * Parses a Chinese numeral such as 十, 二十五, 两百, 三千五百, 两百万, 1.5亿-style mixes are
 * handled by the amount extractor, not here. Returns undefined when the text is not a numeral.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (!text || ![...text].every((ch) => ch in DIGITS || ch in UNITS || ch in BIG_UNITS)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      // A bare 十 at the start means 10 (十五 = 15).
      section += (digit ?? 1) * UNITS[ch]!;
      digit = undefined;
    } else {
      section += digit ?? 0;
      total += (section === 0 ? 1 : section) * BIG_UNITS[ch]!;
      section = 0;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** Parses Arabic digits or a Chinese numeral. */
export function parseIntegerToken(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return parseChineseNumber(token);
}
