/**
 * Untrusted text (customer notes, merchant names, policy passages, the skill's result) reaches a
 * model only inside a marked block, so the prompt can say "everything inside is data". The
 * markers are neutralised inside the content, so data cannot close its own block and continue as
 * if it were the prompt.
 */

const OPEN = '<<<';
const CLOSE = '>>>';

/** `<<<LABEL attrs` … `LABEL>>>` around `content`, with any `<<<` / `>>>` inside it defused. */
export function quoteData(label: string, content: string, attributes = ''): string {
  if (!/^[A-Z_]+$/.test(label)) throw new Error(`quoteData: label must be upper-case letters, got "${label}"`);
  const safe = content.replaceAll(OPEN, '‹‹‹').replaceAll(CLOSE, '›››');
  return `${OPEN}${label}${attributes ? ` ${attributes}` : ''}\n${safe}\n${label}${CLOSE}`;
}
