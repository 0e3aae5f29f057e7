/**
 * Language-aware terms for policy retrieval, shared by the local embedding and BM25 so both
 * see the same vocabulary.
 *
 * Latin text: lower-cased words, light suffix stripping, stop words removed, plus word bigrams.
 * Chinese text: no word boundaries, so every CJK character and every pair of adjacent characters
 * is a term (character bigrams approximate Chinese words well enough for retrieval).
 * Both: concepts of the retrieval glossary (`g:`), shared across languages.
 * Terms carry a prefix (`w:`, `b:`, `c:`, `cc:`, `g:`) so a word never collides with a character.
 */

import { createHash } from 'node:crypto';
import { findConcepts, GLOSSARY } from './glossary';

/** A term and its weight within the text it came from (weights of repeated terms add up). */
export interface Term {
  term: string;
  weight: number;
}

export interface TokenizeOptions {
  /** Weight of a Latin word bigram relative to a single word. */
  bigramWeight: number;
  /** Weight of a single CJK character relative to a character bigram. */
  cjkUnigramWeight: number;
  /** Weight of a glossary concept mention; 0 turns the glossary off. */
  conceptWeight: number;
}

export const DEFAULT_TOKENIZE_OPTIONS: TokenizeOptions = { bigramWeight: 0.5, cjkUnigramWeight: 0.4, conceptWeight: 1 };

/** Changes whenever the glossary changes, so persisted vectors built with another one are not reused. */
export const TOKENIZER_SIGNATURE = `t1-${createHash('sha256').update(JSON.stringify(GLOSSARY)).digest('hex').slice(0, 12)}`;

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could do does did for from has have had how i if in into is it its ' +
    'may me my no not of on or our should so such than that the their them then there these they this those ' +
    'to was we were what when where which who whom why will with would you your yours any all each per ' +
    'about also must'
  ).split(' '),
);

// Function characters that carry little meaning on their own; they still take part in bigrams.
const CJK_STOP_CHARS = new Set('的了是在和与或及等之其为对由将以而于也须可有不我你他她它们这那吗呢吧啊么'.split(''));

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[a-z0-9]+(?:[.'][a-z0-9]+)*/g;

const SUFFIX_RULES: ReadonlyArray<readonly [string, string]> = [
  ['ies', 'y'],
  ['ied', 'y'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ments', ''],
  ['ment', ''],
  ['ness', ''],
  ['ings', ''],
  ['ing', ''],
  ['ed', ''],
  ['ers', 'er'],
  ['als', ''],
  ['al', ''],
  ['ly', ''],
  ['es', ''],
  ['s', ''],
];

/**
 * Light English stemmer: enough to make "approvals", "approved" and "approve" meet, without the
 * weight of a full Porter stemmer. Numbers and short words are left alone.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word.replace(/'s$/, '');
  for (const [suffix, replacement] of SUFFIX_RULES) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    // "-al" only on longer words: "approval" -> "approv", but "total" stays.
    if (base.length < (suffix.startsWith('al') ? 4 : 3)) continue;
    if (suffix === 's' && /(ss|us|is)$/.test(w)) break;
    w = base + replacement;
    break;
  }
  // "flagged" -> "flagg" -> "flag"; keep ss/ll which are part of common stems.
  if (/([b-df-hj-km-np-rtv-z])\1$/.test(w) && !/(ss|ll)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Folds full-width forms, lower-cases and drops thousands separators ("200,000" -> "200000"). */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
}

function addTerm(acc: Map<string, number>, term: string, weight: number): void {
  acc.set(term, (acc.get(term) ?? 0) + weight);
}

/** Splits text into weighted terms; the same function serves documents and queries. */
export function tokenize(text: string, options: TokenizeOptions = DEFAULT_TOKENIZE_OPTIONS): Term[] {
  const acc = new Map<string, number>();
  const normalized = normalizeText(text);

  for (const run of normalized.match(CJK_RUN) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      if (!CJK_STOP_CHARS.has(chars[i])) addTerm(acc, `c:${chars[i]}`, options.cjkUnigramWeight);
      if (i + 1 < chars.length) addTerm(acc, `cc:${chars[i]}${chars[i + 1]}`, 1);
    }
  }

  // Latin words are taken from the text with CJK runs blanked out, so that "DTI上限" yields "dti".
  const latin = normalized.replace(CJK_RUN, ' ');
  const words = (latin.match(LATIN_WORD) ?? []).filter((w) => !STOP_WORDS.has(w)).map(stem);
  for (let i = 0; i < words.length; i++) {
    addTerm(acc, `w:${words[i]}`, 1);
    if (i + 1 < words.length) addTerm(acc, `b:${words[i]}_${words[i + 1]}`, options.bigramWeight);
  }

  if (options.conceptWeight > 0) {
    for (const [id, count] of findConcepts(normalized)) addTerm(acc, `g:${id}`, count * options.conceptWeight);
  }

  return Array.from(acc, ([term, weight]) => ({ term, weight }));
}

/** True when the text is mostly Chinese: used to pick the answer language of a query. */
export function detectLanguage(text: string): 'en' | 'zh' {
  const cjk = (text.match(CJK_RUN) ?? []).join('').length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return cjk > 0 && cjk * 2 >= latin / 3 ? 'zh' : 'en';
}
