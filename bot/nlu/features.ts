import { conceptsIn } from './concepts';
import type { Span, SpanKind } from './extract';

/**
 * Entity spans are replaced by one private-use character per kind before featurising, so the
 * classifier learns "客户<id>的信用分" rather than particular ids, cities or products. Risk words
 * keep their text: "high churn" is evidence for the churn intent.
 */
const TAGS: Readonly<Partial<Record<SpanKind, string>>> = {
  customerId: '\ue001',
  customerName: '\ue002',
  city: '\ue003',
  product: '\ue004',
  limit: '\ue005',
  age: '\ue006',
  amount: '\ue007',
  days: '\ue008',
};

/** The lower-cased message with entity spans replaced by their tag characters. */
export function maskEntities(lower: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const tag = TAGS[s.kind];
    if (!tag || s.start < at) continue;
    out += lower.slice(at, s.start) + tag;
    at = s.end;
  }
  return out + lower.slice(at);
}

const TOKEN = /[a-z0-9]+(?:'[a-z]+)?|[\ue000-\ue0ff]/g;
const CJK_RUN = /[\u3400-\u9fff\ue000-\ue0ff]+/g;

function stem(word: string): string {
  let w = word.replace(/'s$/, '').replace(/'/g, '');
  if (/^\d+$/.test(w)) return '0';
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/**
 * Sparse binary features of a masked message: Latin word unigrams and bigrams, character
 * trigrams inside Latin words (robust to typos such as "chrun", "credti"), and character 1-3
 * grams over runs of Chinese characters (Chinese has no spaces, so n-grams stand in for words),
 * plus one feature per domain concept present (see concepts.ts).
 */
export function featurize(masked: string): string[] {
  const features = new Set<string>(['bias']);
  const words = [...masked.matchAll(TOKEN)].map((m) => stem(m[0]));
  words.forEach((w, i) => {
    features.add(`w:${w}`);
    if (i > 0) features.add(`b:${words[i - 1]}_${w}`);
    if (w.length >= 3 && /^[a-z]+$/.test(w)) {
      const padded = `<${w}>`;
      for (let k = 0; k + 3 <= padded.length; k++) features.add(`c:${padded.slice(k, k + 3)}`);
    }
  });
  for (const m of masked.matchAll(CJK_RUN)) {
    const run = m[0];
    for (let k = 0; k < run.length; k++) {
      features.add(`z1:${run[k]}`);
      if (k + 2 <= run.length) features.add(`z2:${run.slice(k, k + 2)}`);
      if (k + 3 <= run.length) features.add(`z3:${run.slice(k, k + 3)}`);
    }
  }
  for (const c of conceptsIn(masked)) features.add(`k:${c}`);
  return [...features];
}
