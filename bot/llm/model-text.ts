import type { BaseMessage } from '@langchain/core/messages';

/** The plain text of a model reply (string content or the text parts of content blocks). */
export function replyText(message: BaseMessage): string {
  return message.text.trim();
}

// A sentence ends at . ! ? (then a space) or at a full-width mark; a citation such as
// `[aml-policy §4.2]` right after the mark still belongs to the sentence before it.
const SENTENCE_BREAK =
  /(?<=[.!?])\s+(?!\[)|(?<=[.!?]\s*\[[^\]]*\])\s+|(?<=[\u3002\uff01\uff1f])(?!\s*\[)|(?<=[\u3002\uff01\uff1f]\s*\[[^\]]*\])/u;
// Chinese sentences end with a full-width mark (perhaps followed by a citation) and take no space after.
const CJK_END = /[\u3002\uff01\uff1f](?:\s*\[[^\]]*\])?$/u;

/**
 * At most `maxSentences` sentences and `maxChars` characters of model prose, Markdown decoration
 * removed: the card shows it as one paragraph. A citation such as `[aml-policy §4.2]` written after
 * the full stop stays with its sentence.
 */
export function limitProse(text: string, maxSentences: number, maxChars: number): string {
  const flat = text
    .replace(/^#+\s*/gm, '')
    .replace(/^\s*(?:[-*]|\d+[.)])\s+/gm, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s*\n+\s*/g, ' ')
    .trim();
  const sentences = flat
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);
  let out = '';
  for (const s of sentences.slice(0, maxSentences)) out += (out ? joiner(out) : '') + s;
  if (out.length > maxChars) out = `${out.slice(0, maxChars - 1).trimEnd()}…`;
  return out;
}

function joiner(before: string): string {
  return CJK_END.test(before) ? '' : ' ';
}
