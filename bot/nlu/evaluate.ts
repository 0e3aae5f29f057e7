import { INTENTS, type Entities, type Intent, type Language } from '../../skills/contracts';
import type { LabelledUtterance } from './corpus';
import { detectLanguage, normalizeMessage } from './normalize';
import type { RuleRecognizer } from './recognizer';

export interface Tally {
  n: number;
  intentCorrect: number;
  entityExact: number;
}

export interface EvaluationReport {
  readonly overall: Tally;
  readonly byIntent: Record<Intent, Tally>;
  readonly byLanguage: Record<Language, Tally>;
  /** Messages mixing Chinese and English words (also counted under `zh`). */
  readonly mixed: Tally;
  /** Expected -> predicted pairs that differ, most frequent first. */
  readonly confusions: { expected: Intent; predicted: Intent; count: number }[];
  readonly errors: { text: string; expected: LabelledUtterance; intent: Intent; confidence: number; entities: Entities }[];
  /** Mean recognition time per message, milliseconds. */
  readonly meanMs: number;
}

function canonical(e: Entities): string {
  return JSON.stringify(Object.entries(e).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}

export function sameEntities(a: Entities, b: Entities): boolean {
  return canonical(a) === canonical(b);
}

const empty = (): Tally => ({ n: 0, intentCorrect: 0, entityExact: 0 });

function isMixed(text: string): boolean {
  const t = normalizeMessage(text).text;
  return detectLanguage(t) === 'zh' && /[a-z]{2,}/i.test(t);
}

/** Scores a recognizer on labelled utterances: intent accuracy and per-utterance entity exact match. */
export function evaluateRecognizer(recognizer: RuleRecognizer, examples: readonly LabelledUtterance[]): EvaluationReport {
  if (examples.length === 0) throw new Error('evaluateRecognizer: no examples');
  const overall = empty();
  const byIntent = Object.fromEntries(INTENTS.map((i) => [i, empty()])) as Record<Intent, Tally>;
  const byLanguage: Record<Language, Tally> = { en: empty(), zh: empty() };
  const mixed = empty();
  const confusions = new Map<string, number>();
  const errors: EvaluationReport['errors'] = [];
  let totalMs = 0;
  for (const ex of examples) {
    const t0 = performance.now();
    const r = recognizer.recognize(ex.text);
    totalMs += performance.now() - t0;
    const intentOk = r.intent === ex.intent;
    const entitiesOk = sameEntities(r.entities, ex.entities);
    const buckets = [overall, byIntent[ex.intent], byLanguage[r.language], ...(isMixed(ex.text) ? [mixed] : [])];
    for (const b of buckets) {
      b.n++;
      if (intentOk) b.intentCorrect++;
      if (entitiesOk) b.entityExact++;
    }
    if (!intentOk) {
      const key = `${ex.intent}\u0000${r.intent}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (!intentOk || !entitiesOk) errors.push({ text: ex.text, expected: ex, intent: r.intent, confidence: r.confidence, entities: r.entities });
  }
  return {
    overall,
    byIntent,
    byLanguage,
    mixed,
    confusions: [...confusions.entries()]
      .map(([k, count]) => {
        const [expected, predicted] = k.split('\u0000') as [Intent, Intent];
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    errors,
    meanMs: totalMs / examples.length,
  };
}

/** Sums the reports of several folds into one (the mean time is weighted by fold size). */
export function mergeReports(reports: readonly EvaluationReport[]): EvaluationReport {
  if (reports.length === 0) throw new Error('mergeReports: nothing to merge');
  const add = (a: Tally, b: Tally): void => {
    a.n += b.n;
    a.intentCorrect += b.intentCorrect;
    a.entityExact += b.entityExact;
  };
  const overall = empty();
  const mixed = empty();
  const byIntent = Object.fromEntries(INTENTS.map((i) => [i, empty()])) as Record<Intent, Tally>;
  const byLanguage: Record<Language, Tally> = { en: empty(), zh: empty() };
  const confusions = new Map<string, { expected: Intent; predicted: Intent; count: number }>();
  let ms = 0;
  for (const r of reports) {
    add(overall, r.overall);
    add(mixed, r.mixed);
    for (const i of INTENTS) add(byIntent[i], r.byIntent[i]);
    for (const l of ['en', 'zh'] as const) add(byLanguage[l], r.byLanguage[l]);
    for (const c of r.confusions) {
      const key = `${c.expected}\u0000${c.predicted}`;
      const hit = confusions.get(key);
      if (hit) hit.count += c.count;
      else confusions.set(key, { ...c });
    }
    ms += r.meanMs * r.overall.n;
  }
  return {
    overall,
    byIntent,
    byLanguage,
    mixed,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    errors: reports.flatMap((r) => r.errors),
    meanMs: ms / overall.n,
  };
}

/**
 * Deterministic stratified k-fold split of the training data, for tuning without touching the
 * held-out split: utterance i of each intent goes to fold i mod k.
 */
export function stratifiedFolds(examples: readonly LabelledUtterance[], k: number): LabelledUtterance[][] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer >= 2');
  const folds: LabelledUtterance[][] = Array.from({ length: k }, () => []);
  const seen = new Map<Intent, number>();
  for (const ex of examples) {
    const i = seen.get(ex.intent) ?? 0;
    seen.set(ex.intent, i + 1);
    folds[i % k]!.push(ex);
  }
  return folds;
}
