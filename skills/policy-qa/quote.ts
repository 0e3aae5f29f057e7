import { tokenize } from '../../models/retrieval/tokenize';

/**
 * Quoting a policy passage: the sentences that share the most (rare) terms with the question,
 * kept in document order and within a character budget, so a member of staff sees the rule
 * itself rather than a whole section.
 */

const CJK = /[\u3400-\u9fff]/;

/** A quotable piece of a passage: a sentence, or a list item / table row (which take a separator when joined). */
export interface TextUnit {
  text: string;
  kind: 'sentence' | 'item';
}

/** Sentences, list items and table rows of a passage, in document order. */
export function textUnits(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  const items = (texts: readonly string[]) => units.push(...texts.map((t) => ({ text: t, kind: 'item' as const })));
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => l.startsWith('|'))) {
      items(tableRows(lines));
      continue;
    }
    let prose: string[] = [];
    const flush = () => {
      if (prose.length > 0) units.push(...sentences(prose.join(' ')).map((t) => ({ text: t, kind: 'sentence' as const })));
      prose = [];
    };
    for (const line of lines) {
      const item = /^(?:[-*]|\d+[.)])\s+(.*)$/.exec(line);
      if (item) {
        flush();
        items([item[1]!.trim()]);
      } else {
        prose.push(line);
      }
    }
    flush();
  }
  return units.filter((u) => u.text.length > 0);
}

/** A Markdown table as one readable line per data row: "Branch manager — Band C: up to CNY 500,000; …". */
function tableRows(lines: readonly string[]): string[] {
  const cells = (line: string) => line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const rows = lines.filter((l) => !/^\|[\s:|-]+\|?$/.test(l)).map(cells);
  if (rows.length < 2) return rows.map((r) => r.join(' '));
  const [header, ...data] = rows;
  return data.map((row) => {
    const zh = CJK.test(row.join(''));
    const pairs = row.slice(1).map((value, i) => `${header![i + 1] ?? ''}${zh ? '\uff1a' : ': '}${value}`);
    return `${row[0]}${zh ? '——' : ' — '}${pairs.join(zh ? '\uff1b' : '; ')}`;
  });
}

function sentences(paragraph: string): string[] {
  // Chinese ends sentences with full-width marks and no space; English with a mark, a space and a capital.
  return paragraph
    .split(/(?<=[\u3002\uff01\uff1f])|(?<=[.!?])\s+(?=[A-Z(\u201c"0-9])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface QuoteOptions {
  /** Upper bound on the quote's length in characters (a single long sentence is cut to it). */
  maxChars: number;
}

/**
 * The key sentences of `text` for `question`: each unit is scored by the question terms it
 * contains, weighted by how rare the term is within the passage (a word every sentence repeats
 * says nothing about which sentence answers). Always returns something: without any overlap the
 * passage's opening is quoted.
 */
export function quotePassage(text: string, question: string, options: QuoteOptions): string {
  if (!(options.maxChars >= 20)) throw new Error(`quotePassage: maxChars must be at least 20, got ${options.maxChars}`);
  const units = textUnits(text);
  if (units.length === 0) return '';
  const zh = CJK.test(text);
  const queryWeights = new Map(tokenize(question).map((t) => [t.term, t.weight]));
  const unitTerms = units.map((u) => new Set(tokenize(u.text).map((t) => t.term)));
  const documentFrequency = new Map<string, number>();
  for (const terms of unitTerms) for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const scores = unitTerms.map((terms) => {
    let s = 0;
    for (const [term, weight] of queryWeights) {
      const df = documentFrequency.get(term);
      if (df && terms.has(term)) s += weight * Math.log(1 + units.length / df);
    }
    return s;
  });

  const best = Math.max(...scores);
  const ranked = units.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen: number[] = [];
  let used = 0;
  for (const i of ranked) {
    const relevant = best > 0 ? scores[i]! >= best * 0.3 : chosen.length === 0 || i === chosen[chosen.length - 1]! + 1;
    if (chosen.length > 0 && !relevant) continue;
    const length = units[i]!.text.length + (chosen.length > 0 ? 2 : 0);
    if (chosen.length > 0 && used + length > options.maxChars) continue;
    chosen.push(i);
    used += length;
    if (best <= 0 && used >= options.maxChars * 0.6) break;
  }
  chosen.sort((a, b) => a - b);

  const gap = zh ? '……' : ' … ';
  let quote = '';
  chosen.forEach((i, n) => {
    if (n > 0) {
      const adjacent = i === chosen[n - 1]! + 1;
      // A list item or table row has no full stop of its own; give it one so that rows do not run together.
      const ended = /[.!?;:\u3002\uff01\uff1f\uff1b\uff1a]$/u.test(quote);
      const stop = ended ? '' : zh ? '\u3002' : '.';
      quote += !adjacent ? gap : zh ? stop : `${stop} `;
    }
    quote += units[i]!.text;
  });
  return truncate(quote, options.maxChars, zh);
}

function truncate(text: string, maxChars: number, zh: boolean): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, maxChars - 1);
  if (!zh) {
    const space = cut.lastIndexOf(' ');
    if (space > maxChars * 0.6) cut = cut.slice(0, space);
  }
  return `${cut.replace(/[\s,;:\uff0c\uff1b\uff1a\u3001]+$/u, '')}…`;
}
