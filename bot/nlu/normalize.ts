import type { Language } from '../../skills/contracts';

/** A message as the recognizer sees it: markup removed, full-width folded, whitespace collapsed. */
export interface NormalizedMessage {
  /** Cleaned text in its original case (names are kept as written). */
  readonly text: string;
  /** `text` in lower case; same length and indices as `text`. */
  readonly lower: string;
  readonly language: Language;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Removes Teams `<at>…</at>` mentions (wherever they are: Teams puts the bot mention first, but
 * people also mention it mid-sentence) and any other HTML tags, then decodes the common entities.
 */
export function stripMarkup(raw: string): string {
  return raw
    .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#39|apos);/g, (m) => HTML_ENTITIES[m] ?? m);
}

/**
 * Folds full-width ASCII (Chinese input methods produce `ｃ１２３`, `，`, `：`) to half-width, the
 * ideographic space to a space, and typographic quotes to ASCII so "Xi’an" matches "xi'an".
 */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

/** Chinese when the text contains CJK ideographs (mixed messages count as Chinese), else English. */
export function detectLanguage(text: string): Language {
  return CJK.test(text) ? 'zh' : 'en';
}

/** Cleans one incoming chat message for recognition. */
export function normalizeMessage(raw: string): NormalizedMessage {
  if (typeof raw !== 'string') throw new TypeError('normalizeMessage expects a string');
  const text = toHalfWidth(stripMarkup(raw)).replace(/\s+/g, ' ').trim();
  // toLowerCase keeps the length for the scripts we handle (Latin, CJK), so indices stay aligned.
  const lower = text.toLowerCase();
  return { text: lower.length === text.length ? text : lower, lower, language: detectLanguage(text) };
}
