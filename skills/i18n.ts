import { CITIES } from '../data/vocabulary';
import type { Language } from './contracts';

/** Picks the sentence for the user's language. Both versions are always written side by side. */
export function t(lang: Language, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

/** CNY amounts: `¥1,234,567` (no decimals above 1,000). */
export function formatMoney(amount: number): string {
  const rounded = Math.abs(amount) >= 1000 ? Math.round(amount) : Math.round(amount * 100) / 100;
  return `¥${rounded.toLocaleString('en-US')}`;
}

export function formatPercent(p: number, digits = 1): string {
  return `${(p * 100).toFixed(digits)}%`;
}

/** Whole years between an ISO birth date and an ISO as-of date. */
export function ageAt(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number);
  const [ay, am, ad] = asOf.slice(0, 10).split('-').map(Number);
  let age = ay! - by!;
  if (am! < bm! || (am === bm && ad! < bd!)) age -= 1;
  return age;
}

/** A city as the user reads it: 上海 for Chinese, Shanghai otherwise. */
export function cityName(city: string, lang: Language): string {
  return lang === 'zh' ? (CITIES.find((c) => c.name === city)?.nameZh ?? city) : city;
}
