import type { Entities } from '../../../skills/contracts';
import { parseIntegerToken } from '../chinese-numerals';
import type { SpanMask } from './span-mask';

const EN_NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const UNIT_DAYS: Readonly<Record<string, number>> = {
  hour: 1 / 24, day: 1, week: 7, fortnight: 14, month: 30, quarter: 90, year: 365,
  天: 1, 日: 1, 周: 7, 星期: 7, 礼拜: 7, 月: 30, 季度: 90, 年: 365,
};

const EN_NUMBERED =
  /\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+)?(?:(?:last|past|previous|recent|next)\s+)?(\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety)\s*-?\s*(hour|day|week|fortnight|month|quarter|year)s?\b/g;
const EN_NAMED = /\b(?:(?:in|over|during|for)\s+)?(?:the\s+)?(this|current|past|last|previous)\s+(week|fortnight|month|quarter|year)\b/g;
const EN_SINGLE = /\b(today|yesterday|tonight|half a year|half-year|half year|ytd|year to date)\b/g;
const EN_SINGLE_DAYS: Readonly<Record<string, number>> = {
  today: 1, yesterday: 1, tonight: 1, 'half a year': 180, 'half-year': 180, 'half year': 180, ytd: 365, 'year to date': 365,
};

// 近30天, 过去7天, 最近3个月, 两周, 近一年, 3个季度. Bare "N月" is a calendar month (3月 = March), so
// months need 个.
const ZH_NUMBERED =
  /(?:近|最近|过去|之前|前|这)?\s*(\d{1,4}|[一二两三四五六七八九十百]+)\s*(天|日|周|个?星期|个?礼拜|个月|个季度|季度|年)(?:内|以来|里|之内)?/g;
const ZH_NAMED: readonly [RegExp, number][] = [
  [/(?:过去|近|最近|上)?半年/g, 180],
  [/(?:本|这|这一|当|上|上一)(?:周|星期|礼拜)|近一周|最近一周/g, 7],
  [/(?:本|这个|这一个|当|上个|上一个|上)季度|本季|当季/g, 90],
  [/(?:本|这个|当|上个|上)月/g, 30],
  [/今年|本年|去年|本年度/g, 365],
  [/今天|今日|昨天|昨日/g, 1],
];

function unitDays(unit: string): number {
  const key = unit.replace(/^个/, '');
  return UNIT_DAYS[key] ?? 0;
}

/** Reads the time window as a number of days; the first window mentioned wins. */
export function extractDays(mask: SpanMask, out: Entities): void {
  const set = (days: number): void => {
    if (days > 0 && out.days === undefined) out.days = Math.max(1, Math.ceil(days));
  };
  mask.scan(EN_NUMBERED, 'days', (m) => {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : EN_NUMBER_WORDS[m[1]!];
    if (!n) return false;
    set(n * unitDays(m[2]!));
    return true;
  });
  mask.scan(EN_NAMED, 'days', (m) => {
    set(unitDays(m[2]!));
    return true;
  });
  mask.scan(EN_SINGLE, 'days', (m) => {
    set(EN_SINGLE_DAYS[m[1]!] ?? 0);
    return true;
  });
  mask.scan(ZH_NUMBERED, 'days', (m) => {
    const n = parseIntegerToken(m[1]!);
    if (!n) return false;
    set(n * unitDays(m[2]!));
    return true;
  });
  for (const [re, days] of ZH_NAMED) {
    mask.scan(re, 'days', () => {
      set(days);
      return true;
    });
  }
}
