/**
 * Plain-language sentences about one feature value, e.g. count_dpd30_12m = 2 →
 * "2 payments more than 30 days late in the last 12 months" / "近12个月有2次逾期超过30天".
 */
import { featureDefinition, type FeatureDefinition } from './catalogue';

export type Language = 'en' | 'zh';

/** A value as shown to staff: money rounded to yuan with separators, shares as percentages. */
export function formatFeatureValue(def: FeatureDefinition, value: number, lang: Language): string {
  if (Number.isNaN(value)) return lang === 'zh' ? '无记录' : 'none on record';
  switch (def.format) {
    case 'flag':
      return value >= 0.5 ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    case 'percent':
      return `${Math.round(value * 100)}%`;
    case 'money':
      return `${lang === 'zh' ? '¥' : 'CNY '}${thousands(Math.round(value))}`;
    case 'integer':
      return String(Math.round(value));
    case 'decimal':
      return String(Number(value.toFixed(2)));
  }
}

/** Each feature's sentence split around `{value}`, per language (batch scoring writes millions). */
const templates = new Map<string, { def: FeatureDefinition; en: string[]; zh: string[] }>();

/** The feature's sentence with the customer's value filled in. */
export function describeFeature(name: string, value: number, lang: Language): string {
  let t = templates.get(name);
  if (t === undefined) {
    const def = featureDefinition(name);
    t = { def, en: def.descriptionEn.split('{value}'), zh: def.descriptionZh.split('{value}') };
    templates.set(name, t);
  }
  const def = t.def;
  if (Number.isNaN(value)) {
    const missing = lang === 'zh' ? def.missingZh : def.missingEn;
    if (missing) return missing;
  }
  const parts = lang === 'zh' ? t.zh : t.en;
  if (parts.length === 1) return parts[0];
  const shown = formatFeatureValue(def, value, lang);
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) out += shown + parts[i];
  return out;
}

/** The sentence of a stored reason code: its feature with the customer's value (null: none on record). */
export function describeReason(reason: { feature: string; value: number | null }, lang: Language): string {
  return describeFeature(reason.feature, reason.value ?? Number.NaN, lang);
}

/** 1234567 → "1,234,567" (toLocaleString is far slower, and this runs for millions of reasons). */
function thousands(n: number): string {
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}
