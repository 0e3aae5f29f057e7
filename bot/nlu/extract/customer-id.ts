import type { Entities } from '../../../skills/contracts';
import type { SpanMask } from './span-mask';

/** Normalises a numeric customer number to the stored id form `C` + 6 digits. */
export function toCustomerId(digits: string): string | undefined {
  const n = digits.replace(/^0+(?=\d)/, '');
  if (!/^\d{1,6}$/.test(n)) return undefined;
  return `C${n.padStart(6, '0')}`;
}

// `c123`, `C000123`, `c-77`, `c#9` — a lone "c" directly before the digits.
const C_PREFIXED = /(?<![a-z0-9])c[-#]?(\d{1,6})(?![\d.,])(?!\s*(?:k|m|w|万|亿|千)(?![a-z]))/g;
// `customer 123`, `client #45`, `客户123`, `客户号 123456`, `客户编号321`. Not `客户50个` (a count)
// and not `customers 50` (plural, a list size).
const WORD_PREFIXED =
  /(?:\b(?:customer|client|cust|cif)(?:\s*(?:no\.?|number|id|#))?|客户编号|客户号|客户)\s*[:#]?\s*(\d{1,6})(?![\d.,])(?!\s*(?:个|名|位|人|岁|万|亿|千|天|%|k\b|m\b|days?\b|customers?\b|clients?\b))/g;

/** Reads the customer id; the first one mentioned wins. */
export function extractCustomerId(mask: SpanMask, out: Entities): void {
  const pickDigits = (m: RegExpExecArray): [number, number] | false => {
    const digits = m[1]!;
    const id = toCustomerId(digits);
    if (!id) return false;
    out.customerId ??= id;
    const end = m.index + m[0].length;
    return [end - digits.length, end];
  };
  // The C-prefixed form is claimed whole (the letter belongs to the id).
  mask.scan(C_PREFIXED, 'customerId', (m) => {
    const id = toCustomerId(m[1]!);
    if (!id) return false;
    out.customerId ??= id;
    return true;
  });
  mask.scan(WORD_PREFIXED, 'customerId', pickDigits);
}
