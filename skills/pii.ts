/**
 * PII masking (DESIGN.md): identity numbers, phone numbers and e-mail addresses are always masked in
 * replies and exports. Skills mask the fields they show; `scrubPii` runs again over everything that
 * leaves the bot, so a field a skill forgot cannot leak.
 */

/** `110101199001011234` → `110***********1234` (first 3 and last 4 kept). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** `wang.wei@example.com` → `w***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

const ID_NUMBER = /(?<![\dA-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const EMAIL = /\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;

/** Masks anything that looks like a PRC identity number, a mobile number or an e-mail address. */
export function scrubPii(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, a: string, b: string) => `${a}***********${b}`)
    .replace(MOBILE, (_m, a: string, b: string) => `${a}****${b}`)
    .replace(EMAIL, (_m, a: string, domain: string) => `${a}***@${domain}`);
}

/** Applies `scrubPii` to every string inside a JSON-like value (cards, trace results). */
export function scrubPiiDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubPii(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubPiiDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubPiiDeep(v);
    return out as T;
  }
  return value;
}
