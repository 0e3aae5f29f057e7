import { parseIntegerToken } from './chinese-numerals';
import { normalizeMessage } from './normalize';

/** What a short follow-up message asks of the previous answer. */
export type FollowUp = 'why' | 'export' | 'refine';

const EN_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

/**
 * Which item of a list the user picks: "the second one", "2nd", "#3", "no. 4", "option 2",
 * "第二个", "选2", or just "2". 1-based; undefined when the message is not a pick.
 */
export function parseOrdinal(text: string): number | undefined {
  const t = normalizeMessage(text).lower.replace(/[.!?。！？]+$/, '').trim();
  if (!t) return undefined;
  const patterns: RegExp[] = [
    /^(?:the\s+)?(\d{1,3})(?:st|nd|rd|th)(?:\s+(?:one|customer|client|row|item))?$/,
    /^(?:#|no\.?\s*|number\s+|option\s+|item\s+|row\s+|pick\s+|choose\s+|select\s+)(\d{1,3})$/,
    /^(\d{1,3})$/,
    /^(?:选|选择|要|看)?\s*第?\s*(\d{1,3}|[一二两三四五六七八九十]+)\s*(?:个|位|条|行|号)?(?:客户)?$/,
  ];
  for (const re of patterns) {
    const m = re.exec(t);
    if (!m) continue;
    // "第" or a Chinese prefix is required for Chinese numerals, so "十" alone is not a pick.
    const n = parseIntegerToken(m[1]!);
    if (re === patterns[3] && !/^\d+$/.test(m[1]!) && !/[第选要看]/.test(t)) continue;
    if (n !== undefined && n >= 1) return n;
  }
  const word = /^(?:(?:pick|choose|select|show|open)\s+)?(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:\s+(?:one|customer|client|row|item))?$/.exec(t);
  if (word) return EN_ORDINALS[word[1]!];
  const numberWord = /^(?:number|option|no\.?)\s+(one|two|three|four|five|six|seven|eight|nine|ten)$/.exec(t);
  if (numberWord) return EN_ORDINALS[numberWord[1]!];
  return undefined;
}

const WHY = /^(?:why|why\s+(?:is\s+that|so|not|this|that)|how\s+come|explain(?:\s+(?:it|that|this|please|why))?|reasons?|what\s+are\s+the\s+reasons|because\s+of\s+what|based\s+on\s+what|how\s+was\s+(?:it|that|this)\s+(?:calculated|computed|scored))\b|^why\b|为什么|为啥|为何|原因|理由|怎么算的|依据是什么|解释一下|凭什么/;
const EXPORT = /\b(?:export|download|csv|excel|xlsx|spreadsheet)\b|\bsend\s+(?:me\s+)?(?:it|the\s+list|this|that)\b|导出|下载|表格|发我|发给我|excel/;
const REFINE =
  /^(?:only|just|exclude|excluding|without|except|remove|drop|filter|limit|what\s+about|how\s+about|and\s+(?:in|for|only)|but\s+(?:only|in|for|without)|same\s+(?:but|for)|now\s+(?:only|for|in|just))\b|\binstead\b|\b(?:top|first)\s+\d+\s+instead\b|^(?:只要|只看|只显示|仅|只|排除|去掉|去除|不要|除了|换成|改成|那|再|加上|限定|筛选)|呢[?？]?$|的呢/;

/**
 * Classifies a short follow-up to the previous answer: "why?" / "为什么" -> 'why',
 * "export it" / "导出" -> 'export', "only Shanghai" / "只要上海的" / "exclude high churn" /
 * "top 50 instead" -> 'refine'. Undefined when the message is not a follow-up of these kinds.
 */
export function parseFollowUp(text: string): FollowUp | undefined {
  const t = normalizeMessage(text).lower.replace(/^(?:ok|okay|and|then|so|好的|好|那么)[,，\s]+/, '').trim();
  if (!t) return undefined;
  if (WHY.test(t)) return 'why';
  if (EXPORT.test(t)) return 'export';
  if (REFINE.test(t)) return 'refine';
  return undefined;
}
