import type { Embeddings } from '@langchain/core/embeddings';
import { Bm25Index } from './bm25';
import { passageSearchText, type PassageRecord } from './chunk';
import { CITATIONS, type CitationKey } from './citations';
import type { PolicyLanguage } from './handbook';
import { openPolicyIndex, type StoredIndexMeta } from './index-store';
import { LocalHashEmbeddings } from './local-embeddings';
import { detectLanguage } from './tokenize';
import type { VectorIndex } from './vector-index';

/** A policy passage as skills receive it. */
export interface PolicyPassage {
  docId: string;
  docTitle: string;
  /** Section number, e.g. `3.2`; the same in both language versions. */
  section: string;
  heading: string;
  effectiveDate: string;
  language: PolicyLanguage;
  text: string;
  /**
   * Ranking score, higher is better: the hybrid score of the section's best English passage plus
   * that of its best Chinese passage (so between 0 and 2). Not calibrated as a probability.
   * 1 for passages looked up by section or citation key.
   */
  score: number;
}

export interface SearchOptions {
  /** Number of distinct sections to return (1..50, default 3). */
  k?: number;
  /** Language of the returned passages; defaults to the language the query is written in. */
  language?: PolicyLanguage;
}

export interface RetrieverOptions {
  handbookDir: string;
  /** Directory for the persisted index, e.g. `var/policy-index`; created when missing. */
  indexDir: string;
  /** Defaults to the offline local embedding. */
  embeddings?: Embeddings;
  /**
   * Weight of vector similarity in the hybrid score, the rest going to BM25 normalised by its
   * best score for the query. 1 = vector only, 0 = BM25 only.
   */
  vectorWeight?: number;
}

/**
 * Chosen on the labelled questions (npm run eval:retrieval -- --compare): with 0.5 recall@1 is
 * 87.5 % against 80 % for vector only and 86 % for BM25 only; recall@3 equals BM25's (96 %).
 * Vectors and BM25 share the same terms, so they mostly agree; BM25 adds length normalisation,
 * the vector side adds the smoothed IDF fitted on the handbook.
 */
export const DEFAULT_VECTOR_WEIGHT = 0.5;

const MIN_CANDIDATES = 40;

/**
 * What skills need from policy retrieval. Skills depend on this interface, so their tests can
 * hand in a small fake; `PolicyRetriever` is the real implementation.
 */
export interface PolicyLookup {
  search(query: string, opts?: SearchOptions): Promise<PolicyPassage[]>;
  section(docId: string, section: string, language: PolicyLanguage): PolicyPassage | undefined;
  cite(key: CitationKey, language: PolicyLanguage): PolicyPassage;
}

/**
 * Policy search over the bilingual handbook. Ranking is per section: both language versions and
 * all parts of a section compete as one, and the passage returned is the one in the requested
 * language, so a Chinese question that matches the English text still gets the Chinese section.
 */
export class PolicyRetriever implements PolicyLookup {
  private readonly bm25: Bm25Index;
  private readonly bySection = new Map<string, PassageRecord[]>();

  private constructor(
    private readonly meta: StoredIndexMeta,
    private readonly vectors: VectorIndex,
    private readonly embeddings: Embeddings,
    private readonly vectorWeight: number,
    /** True when `open` had to build the index. */
    readonly rebuilt: boolean,
  ) {
    // BM25 uses the same term settings as the local embedding, so that both sides of the
    // hybrid see the same vocabulary (and a setting switched off is off for both).
    const termOptions = embeddings instanceof LocalHashEmbeddings ? embeddings.options : {};
    this.bm25 = Bm25Index.fit(meta.passages.map(passageSearchText), termOptions);
    for (const p of meta.passages) {
      const key = sectionKey(p.docId, p.section, p.language);
      const list = this.bySection.get(key) ?? [];
      list.push(p);
      this.bySection.set(key, list);
    }
  }

  /** Opens (and if needed builds) the index; see `openPolicyIndex` for the reuse rules. */
  static async open(opts: RetrieverOptions): Promise<PolicyRetriever> {
    const vectorWeight = opts.vectorWeight ?? DEFAULT_VECTOR_WEIGHT;
    if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
      throw new Error(`PolicyRetriever: vectorWeight must be between 0 and 1, got ${vectorWeight}`);
    }
    const opened = await openPolicyIndex(opts);
    return new PolicyRetriever(opened.meta, opened.vectors, opened.queryEmbeddings, vectorWeight, opened.rebuilt);
  }

  /** Milliseconds the last build took (also for a reused index: the build that made it). */
  get buildMs(): number {
    return this.meta.buildMs;
  }

  get passageCount(): number {
    return this.meta.passages.length;
  }

  /** The k best sections for the query, each as one passage in the requested language. */
  async search(query: string, opts: SearchOptions = {}): Promise<PolicyPassage[]> {
    if (typeof query !== 'string') throw new Error('PolicyRetriever.search: query must be a string');
    const k = opts.k ?? 3;
    if (!Number.isInteger(k) || k < 1 || k > 50) throw new Error(`PolicyRetriever.search: k must be an integer in 1..50, got ${k}`);
    if (query.trim() === '') return [];
    const language = opts.language ?? detectLanguage(query);

    const passages = this.meta.passages;
    const queryVector = await this.embeddings.embedQuery(query);
    const lexical = this.bm25.scores(query);
    const bestLexical = lexical.reduce((a, b) => Math.max(a, b), 0);

    const vectorScores = new Map<number, number>();
    for (const hit of this.vectors.search(queryVector, Math.max(MIN_CANDIDATES, k * 10))) vectorScores.set(hit.id, hit.similarity);
    // Lexical candidates the graph search did not return still get their exact similarity.
    const lexicalTop = Array.from(lexical.keys())
      .filter((i) => lexical[i] > 0)
      .sort((a, b) => lexical[b] - lexical[a])
      .slice(0, MIN_CANDIDATES);
    for (const id of lexicalTop) {
      if (!vectorScores.has(id)) vectorScores.set(id, this.vectors.similarity(queryVector, id));
    }

    const byLanguage = new Map<string, { en: number; zh: number }>();
    const bestPartInLanguage = new Map<string, { id: number; score: number }>();
    for (const [id, similarity] of vectorScores) {
      const p = passages[id];
      const lexicalScore = bestLexical > 0 ? lexical[id] / bestLexical : 0;
      const score = this.vectorWeight * Math.max(similarity, 0) + (1 - this.vectorWeight) * lexicalScore;
      const key = sectionKey(p.docId, p.section);
      const entry = byLanguage.get(key) ?? { en: 0, zh: 0 };
      entry[p.language] = Math.max(entry[p.language], score);
      byLanguage.set(key, entry);
      if (p.language === language) {
        const best = bestPartInLanguage.get(key);
        if (!best || score > best.score) bestPartInLanguage.set(key, { id, score });
      }
    }

    // A section's score adds the evidence from both language versions: the other language is
    // reached through glossary concepts (and shared numbers), which confirms the topic.
    const sectionScores = Array.from(byLanguage, ([key, s]) => [key, s.en + s.zh] as const);
    return sectionScores
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k)
      .flatMap(([key, score]) => {
        const best = bestPartInLanguage.get(key);
        const [docId, section] = key.split('|');
        const record = best ? passages[best.id] : this.bySection.get(sectionKey(docId, section, language))?.[0];
        return record ? [toPassage(record, record.text, score)] : [];
      });
  }

  /** The whole section (all parts joined) in the given language, or undefined when it does not exist. */
  section(docId: string, section: string, language: PolicyLanguage): PolicyPassage | undefined {
    const parts = this.bySection.get(sectionKey(docId, section, language));
    if (!parts || parts.length === 0) return undefined;
    const text = [...parts].sort((a, b) => a.part - b.part).map((p) => p.text).join('\n\n');
    return toPassage(parts[0], text, 1);
  }

  /** The section behind a citation key; throws when the handbook lacks it (a broken handbook, not a user error). */
  cite(key: CitationKey, language: PolicyLanguage): PolicyPassage {
    const ref = CITATIONS[key];
    if (!ref) throw new Error(`Unknown citation key "${String(key)}"`);
    const passage = this.section(ref.docId, ref.section, language);
    if (!passage) {
      throw new Error(`Citation ${key} points to ${ref.docId} §${ref.section} (${language}), which the handbook does not contain`);
    }
    return passage;
  }
}

function sectionKey(docId: string, section: string, language?: PolicyLanguage): string {
  return language ? `${docId}|${section}|${language}` : `${docId}|${section}`;
}

function toPassage(p: PassageRecord, text: string, score: number): PolicyPassage {
  return {
    docId: p.docId,
    docTitle: p.docTitle,
    section: p.section,
    heading: p.heading,
    effectiveDate: p.effectiveDate,
    language: p.language,
    text,
    score,
  };
}
