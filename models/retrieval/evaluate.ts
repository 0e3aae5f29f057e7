import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PolicyPassage, SearchOptions } from './policy-retriever';

const sectionRef = z.object({ docId: z.string().min(1), section: z.string().regex(/^\d+(\.\d+)*$/) });

/** One labelled question: the section that answers it (either language version counts). */
export const labelledQuestionSchema = sectionRef.extend({
  question: z.string().min(1),
  language: z.enum(['en', 'zh']),
  /** `holdout` questions were written before any tuning and are reported separately. */
  split: z.enum(['tune', 'holdout']).default('tune'),
  /** Other sections that answer the question equally well. */
  alsoAccept: z.array(sectionRef).default([]),
});
export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

/** Reads a JSONL question file, reporting the line of the first invalid entry. */
export function loadQuestions(file: string): LabelledQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), no: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, no }) => {
      const parsed = labelledQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${no}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      return parsed.data;
    });
}

export interface RecallFigures {
  count: number;
  recallAt1: number;
  recallAt3: number;
}

export interface EvaluationReport {
  overall: RecallFigures;
  byLanguage: Record<'en' | 'zh', RecallFigures>;
  bySplit: Record<'tune' | 'holdout', RecallFigures>;
  /** Questions whose expected section was not in the top 3, with what came back instead. */
  misses: Array<{ question: string; expected: string; got: string[] }>;
}

/** Anything that can search the handbook: the real retriever, or a variant under comparison. */
export interface Searcher {
  search(query: string, opts?: SearchOptions): Promise<PolicyPassage[]>;
}

function figures(hits: Array<{ rank: number }>): RecallFigures {
  const count = hits.length;
  const at = (k: number): number => (count === 0 ? 0 : hits.filter((h) => h.rank >= 1 && h.rank <= k).length / count);
  return { count, recallAt1: at(1), recallAt3: at(3) };
}

/**
 * Recall@1 and recall@3 by section: a question is answered at rank r when the r-th returned
 * section is its labelled section (or an accepted alternative), in either language.
 */
export async function evaluateRetrieval(searcher: Searcher, questions: readonly LabelledQuestion[]): Promise<EvaluationReport> {
  const results: Array<{ q: LabelledQuestion; rank: number; got: string[] }> = [];
  for (const q of questions) {
    const top = await searcher.search(q.question, { k: 3 });
    const accepted = new Set([q, ...q.alsoAccept].map((r) => `${r.docId} §${r.section}`));
    const got = top.map((p) => `${p.docId} §${p.section}`);
    const index = got.findIndex((g) => accepted.has(g));
    results.push({ q, rank: index + 1, got });
  }
  const subset = (pred: (q: LabelledQuestion) => boolean): RecallFigures => figures(results.filter((r) => pred(r.q)));
  return {
    overall: figures(results),
    byLanguage: { en: subset((q) => q.language === 'en'), zh: subset((q) => q.language === 'zh') },
    bySplit: { tune: subset((q) => q.split === 'tune'), holdout: subset((q) => q.split === 'holdout') },
    misses: results
      .filter((r) => r.rank === 0)
      .map((r) => ({ question: r.q.question, expected: `${r.q.docId} §${r.q.section}`, got: r.got })),
  };
}
