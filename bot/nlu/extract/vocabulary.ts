import type { Entities } from '../../../skills/contracts';
import { PRODUCT_CODES, type ProductCode } from '../../../data/vocabulary';
import { CITY_ALIASES, PRODUCT_SYNONYMS } from '../lexicon';
import type { SpanMask } from './span-mask';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function byLengthDesc(a: string, b: string): number {
  return b.length - a.length;
}

/** One regex per dictionary: English words on word boundaries (optional plural), Chinese anywhere. */
function dictionaryRegex(en: readonly string[], zh: readonly string[]): RegExp {
  const enPart = [...en].sort(byLengthDesc).map((w) => escape(w).replace(/[ -]/g, '[\\s-]?'));
  const zhPart = [...zh].sort(byLengthDesc).map(escape);
  const alternatives = [
    ...(enPart.length ? [`\\b(?:${enPart.join('|')})(?:s|es)?\\b`] : []),
    // 个贷 but not 一个贷款 ("a loan").
    ...zhPart.map((w) => (w === '个贷' ? '(?<![一两几每])个贷(?!款)' : w)),
  ];
  return new RegExp(alternatives.join('|'), 'g');
}

const CITY_PATTERNS = CITY_ALIASES.map((c) => ({ city: c.city, re: dictionaryRegex(c.en, c.zh) }));
const PRODUCT_PATTERNS = PRODUCT_CODES.map((code) => ({
  code,
  re: dictionaryRegex(PRODUCT_SYNONYMS[code].en, PRODUCT_SYNONYMS[code].zh),
}));

/** Claims every dictionary hit; the entity takes the one mentioned first. */
function extractFromDictionary<T extends string>(
  mask: SpanMask,
  patterns: readonly { value: T; re: RegExp }[],
  kind: 'city' | 'product',
): T | undefined {
  let first: { value: T; at: number } | undefined;
  for (const { value, re } of patterns) {
    mask.scan(re, kind, (m) => {
      if (!first || m.index < first.at) first = { value, at: m.index };
      return true;
    });
  }
  return first?.value;
}

export function extractCity(mask: SpanMask, out: Entities): void {
  const city = extractFromDictionary(mask, CITY_PATTERNS.map((p) => ({ value: p.city, re: p.re })), 'city');
  if (city) out.city = city;
}

export function extractProduct(mask: SpanMask, out: Entities): void {
  const product = extractFromDictionary<ProductCode>(
    mask,
    PRODUCT_PATTERNS.map((p) => ({ value: p.code, re: p.re })),
    'product',
  );
  if (product) out.product = product;
}

type Level = 'high' | 'medium' | 'low';
// Includes the commonest typing slips (hgih, meduim).
const EN_LEVEL: Readonly<Record<string, Level>> = {
  high: 'high', hgih: 'high', hihg: 'high', medium: 'medium', meduim: 'medium', med: 'medium', moderate: 'medium', mid: 'medium', low: 'low',
};
const ZH_LEVEL: Readonly<Record<string, Level>> = { 高: 'high', 中: 'medium', 中等: 'medium', 低: 'low', 较高: 'high', 较低: 'low' };

const CHURN_PATTERNS: readonly { re: RegExp; level: (m: RegExpExecArray) => Level | undefined }[] = [
  {
    re: /\b(high|hgih|hihg|medium|meduim|med|moderate|mid|low)(?:est)?[\s-]*(?:churn|attrition|flight|leaver)(?:[\s-]*(?:risk|probability|score|likelihood))?\b/g,
    level: (m) => EN_LEVEL[m[1]!],
  },
  {
    re: /\b(high|medium|moderate|low)[\s-]*risk\s+of\s+(?:churn(?:ing)?|leaving|attrition)\b/g,
    level: (m) => EN_LEVEL[m[1]!],
  },
  {
    re: /\b(?:churn|attrition)(?:[\s-]*(?:risk|level|score))?\s*(?:is\s+|of\s+|=|:)?\s*(high|medium|moderate|low)\b/g,
    level: (m) => EN_LEVEL[m[1]!],
  },
  { re: /(较高|较低|中等|高|中|低)(?:的)?(?:流失|流失风险)/g, level: (m) => ZH_LEVEL[m[1]!] },
  { re: /流失(?:风险|概率|可能性)?(?:为|是|较)?(高|中等|中|低)(?!不)/g, level: (m) => ZH_LEVEL[m[1]!] },
];

export function extractChurnRisk(mask: SpanMask, out: Entities): void {
  for (const { re, level } of CHURN_PATTERNS) {
    mask.scan(re, 'churnRisk', (m) => {
      const l = level(m);
      if (!l) return false;
      out.churnRisk ??= l;
      return true;
    });
  }
}

// "band D", "risk band C", "grade B", "bands D"; "D类", "E档", "D级"; "评级为D".
const BAND_EN = /\b(?:risk\s+|credit\s+)?(?:band|grade)s?\s*[-:]?\s*([a-e])\b(?!['-]?\w)/g;
const BAND_ZH_SUFFIX = /(?<![a-z0-9])([a-e])\s*(?:类|档|级|等)(?!级别)/g;
const BAND_ZH_PREFIX = /(?:评级|等级|风险等级|信用等级|评分等级)\s*(?:为|是|=|:)?\s*([a-e])(?![a-z0-9])/g;

export function extractCreditRiskBand(mask: SpanMask, out: Entities): void {
  for (const re of [BAND_EN, BAND_ZH_SUFFIX, BAND_ZH_PREFIX]) {
    mask.scan(re, 'creditRiskBand', (m) => {
      const band = m[1]!.toUpperCase() as NonNullable<Entities['creditRiskBand']>;
      out.creditRiskBand ??= band;
      return true;
    });
  }
}
