import type { Entities } from '../../../skills/contracts';
import type { SpanMask } from './span-mask';

/*
 * Age bounds. English strict comparisons are exclusive ("under 35" -> ageMax 34, "over 30" ->
 * ageMin 31, as documented on `Entities`); "35 or younger", "30+", "at least 30" are inclusive.
 * Chinese 以下/以上/以内 are inclusive of the number, as in Chinese legal and banking usage
 * ("35岁以下" -> ageMax 35, "40岁以上" -> ageMin 40), while 小于/低于/不到/不满 and
 * 大于/超过/高于 are strict.
 */

const MIN_AGE = 1;
const MAX_AGE = 120;
// Guards against reading amounts, counts and durations as ages.
const NOT_AGE_AFTER = String.raw`(?![\d.%]|,\d|\s*(?:k|m|w|bn|mn)(?![a-z])|\s*(?:万|千|亿|元|块|个|名|位|天|days?\b|weeks?\b|months?\b|customers?\b|clients?\b|million|thousand|yuan|rmb|cny|percent))`;
const YEARS = String.raw`(?:\s*(?:years?(?:\s*old)?|yrs?(?:\s*old)?|y\/?o|year[- ]olds?))?`;

const EN_RANGE = new RegExp(
  String.raw`\b(?:(aged?|ages|between(?:\s+(?:the\s+)?ages?(?:\s+of)?)?)\s*)(\d{1,3})\s*(?:-|–|~|to|and)\s*(\d{1,3})${NOT_AGE_AFTER}${YEARS}|\b(\d{1,3})\s*(?:-|–|~|to)\s*(\d{1,3})(\s*(?:years?\s*old|yrs?\s*old|year[- ]olds?|y\/?o))`,
  'g',
);
const EN_DECADE = /\b(?:in\s+their\s+|aged\s+)?(\d)0'?s\b|\b(\d)0-somethings?\b/g;
const EN_EXCLUSIVE_MAX = new RegExp(
  String.raw`(?:\b(?:under|below|younger\s+than|less\s+than|aged\s+under|aged\s+below)|<)\s*(?:age\s*|the\s+age\s+of\s*)?(\d{1,3})(?!\s*-?\s*somethings?)${NOT_AGE_AFTER}(?:s\b)?${YEARS}`,
  'g',
);
const EN_INCLUSIVE_MAX = new RegExp(
  String.raw`\b(\d{1,3})${NOT_AGE_AFTER}${YEARS}\s*(?:or\s+younger|and\s+younger|or\s+under|and\s+under|or\s+below|and\s+below|or\s+less)\b|\b(?:at\s+most|up\s+to|no\s+older\s+than|not\s+older\s+than|aged\s+up\s+to|<=)\s*(\d{1,3})${NOT_AGE_AFTER}${YEARS}`,
  'g',
);
const EN_EXCLUSIVE_MIN = new RegExp(
  String.raw`(?:\b(?:over|above|older\s+than|aged\s+over|aged\s+above|more\s+than)|>)\s*(?:age\s*|the\s+age\s+of\s*)?(\d{1,3})${NOT_AGE_AFTER}(?:s\b)?${YEARS}`,
  'g',
);
const EN_INCLUSIVE_MIN = new RegExp(
  String.raw`\b(\d{1,3})\s*(?:\+|plus\b)(?![\d])|\b(\d{1,3})${NOT_AGE_AFTER}${YEARS}\s*(?:or\s+older|and\s+older|or\s+over|and\s+over|or\s+above|and\s+above|or\s+more)\b|\b(?:at\s+least|aged\s+at\s+least|no\s+younger\s+than|>=)\s*(\d{1,3})${NOT_AGE_AFTER}${YEARS}`,
  'g',
);

const ZH_RANGE = /(?:年龄|年纪)?(?:在)?\s*(\d{1,3})\s*(?:岁)?\s*(?:到|至|-|–|~|—|－)\s*(\d{1,3})\s*(岁)?(?:之间)?/g;
const ZH_DECADE = /(\d)0\s*多岁|(\d)0\s*几岁/g;
const ZH_INCLUSIVE_MAX = /(\d{1,3})\s*(?:周)?岁\s*(?:及|或)?\s*(?:以下|以内|之内|之下)|(?:不超过|不大于|最多|至多)\s*(\d{1,3})\s*岁/g;
const ZH_EXCLUSIVE_MAX = /(?:小于|低于|不到|不满|未满|少于)\s*(\d{1,3})\s*(?:周)?岁/g;
const ZH_INCLUSIVE_MIN = /(\d{1,3})\s*(?:周)?岁\s*(?:及|或)?\s*(?:以上|之上|\+)|(?:年满|至少|不低于|不小于|不少于)\s*(\d{1,3})\s*岁/g;
const ZH_EXCLUSIVE_MIN = /(?:大于|超过|高于|多于)\s*(\d{1,3})\s*(?:周)?岁/g;

function validAge(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_AGE && n <= MAX_AGE;
}

/** The first captured group that matched, as a number. */
function firstNumber(m: RegExpExecArray, ...groups: number[]): number {
  for (const g of groups) if (m[g] !== undefined) return Number(m[g]);
  return Number.NaN;
}

/** Reads `ageMin` / `ageMax`. Ranges are read first, then one-sided bounds. */
export function extractAge(mask: SpanMask, out: Entities): void {
  const setMin = (n: number): boolean => {
    if (!validAge(n)) return false;
    out.ageMin ??= n;
    return true;
  };
  const setMax = (n: number): boolean => {
    if (!validAge(n)) return false;
    out.ageMax ??= n;
    return true;
  };
  const range = (a: number, b: number): boolean => {
    if (!validAge(a) || !validAge(b) || a > b) return false;
    setMin(a);
    setMax(b);
    return true;
  };

  mask.scan(EN_RANGE, 'age', (m) => (m[2] !== undefined ? range(Number(m[2]), Number(m[3])) : range(Number(m[4]), Number(m[5]))));
  mask.scan(ZH_RANGE, 'age', (m) => {
    // Without 岁 or 年龄 the numbers could be anything ("1-2"); require one of them.
    if (!m[3] && !/岁|年龄|年纪/.test(m[0])) return false;
    return range(Number(m[1]), Number(m[2]));
  });
  mask.scan(EN_DECADE, 'age', (m) => {
    const d = firstNumber(m, 1, 2) * 10;
    return d >= 10 && range(d, d + 9);
  });
  mask.scan(ZH_DECADE, 'age', (m) => {
    const d = firstNumber(m, 1, 2) * 10;
    return d >= 10 && range(d, d + 9);
  });
  mask.scan(EN_INCLUSIVE_MAX, 'age', (m) => setMax(firstNumber(m, 1, 2)));
  mask.scan(EN_EXCLUSIVE_MAX, 'age', (m) => setMax(firstNumber(m, 1) - 1));
  mask.scan(EN_INCLUSIVE_MIN, 'age', (m) => {
    const n = firstNumber(m, 1, 2, 3);
    // "2+2" is arithmetic, not an age: a bare "N+" needs an adult age.
    if (m[1] !== undefined && (n < 16 || n > 99)) return false;
    return setMin(n);
  });
  mask.scan(EN_EXCLUSIVE_MIN, 'age', (m) => setMin(firstNumber(m, 1) + 1));
  mask.scan(ZH_INCLUSIVE_MAX, 'age', (m) => setMax(firstNumber(m, 1, 2)));
  mask.scan(ZH_EXCLUSIVE_MAX, 'age', (m) => setMax(firstNumber(m, 1) - 1));
  mask.scan(ZH_INCLUSIVE_MIN, 'age', (m) => setMin(firstNumber(m, 1, 2)));
  mask.scan(ZH_EXCLUSIVE_MIN, 'age', (m) => setMin(firstNumber(m, 1) + 1));
}
