import type { Entities } from '../../../skills/contracts';
import { extractAge } from './age';
import { extractMinBalance } from './amount';
import { extractCustomerId } from './customer-id';
import { extractCustomerName } from './customer-name';
import { extractLimit } from './limit';
import { SpanMask, type Span } from './span-mask';
import { extractDays } from './time-window';
import { extractChurnRisk, extractCity, extractCreditRiskBand, extractProduct } from './vocabulary';

export type { Span, SpanKind } from './span-mask';

export interface Extraction {
  readonly entities: Entities;
  /** Where each entity was read, as indices into the normalised text. */
  readonly spans: readonly Span[];
}

/**
 * Reads all entities from a normalised message. The order matters: ids first (their digits are
 * not amounts), then time windows (前3个月 is a window, not "top 3"), ages, list sizes and amounts,
 * then dictionary words, and names last so that no city, product or risk word becomes a name.
 *
 * @param text the normalised message in its original case (names are returned as written)
 * @param lower the same text in lower case (same length)
 */
export function extractEntities(text: string, lower: string): Extraction {
  if (text.length !== lower.length) throw new Error('extractEntities: text and lower must have the same length');
  const mask = new SpanMask(lower);
  const out: Entities = {};
  extractCustomerId(mask, out);
  extractDays(mask, out);
  extractAge(mask, out);
  extractLimit(mask, out);
  extractMinBalance(mask, out);
  extractCity(mask, out);
  extractProduct(mask, out);
  extractChurnRisk(mask, out);
  extractCreditRiskBand(mask, out);
  extractCustomerName(mask, text, out);
  return { entities: out, spans: [...mask.spans].sort((a, b) => a.start - b.start) };
}
