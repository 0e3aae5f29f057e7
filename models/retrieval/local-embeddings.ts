import { Embeddings } from '@langchain/core/embeddings';
import { DEFAULT_TOKENIZE_OPTIONS, TOKENIZER_SIGNATURE, tokenize, type TokenizeOptions } from './tokenize';

/** Settings of the local embedding; all of them change the vectors, so all enter the fingerprint. */
export interface LocalEmbeddingOptions extends TokenizeOptions {
  /** Vector length; terms are hashed into this many buckets. */
  dimension: number;
}

export const DEFAULT_LOCAL_EMBEDDING_OPTIONS: LocalEmbeddingOptions = {
  dimension: 2048,
  ...DEFAULT_TOKENIZE_OPTIONS,
};

/** What `toJSON` writes and `fromJSON` reads: the options and the fitted IDF table. */
export interface LocalEmbeddingState {
  kind: 'local-hash-tfidf';
  version: 1;
  options: LocalEmbeddingOptions;
  documentCount: number;
  idf: Record<string, number>;
}

const ALGORITHM_VERSION = 1;

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Deterministic multilingual embedding that needs no model download: TF-IDF over hashed terms
 * (English words and word bigrams, Chinese characters and character bigrams), L2-normalised so
 * that the inner product is the cosine similarity.
 *
 * Fit the IDF once on the handbook with `fit`; before fitting every term weighs the same.
 * A term never seen in fitting gets the highest IDF (it is as rare as can be).
 * Hashing uses a sign bit so that colliding terms tend to cancel rather than add up.
 */
export class LocalHashEmbeddings extends Embeddings {
  readonly options: LocalEmbeddingOptions;
  private idf = new Map<string, number>();
  private documentCount = 0;

  constructor(options: Partial<LocalEmbeddingOptions> = {}) {
    super({});
    const merged = { ...DEFAULT_LOCAL_EMBEDDING_OPTIONS, ...options };
    if (!Number.isInteger(merged.dimension) || merged.dimension < 64 || merged.dimension > 65536) {
      throw new Error(`LocalHashEmbeddings: dimension must be an integer in 64..65536, got ${merged.dimension}`);
    }
    if (!(merged.bigramWeight >= 0) || !(merged.cjkUnigramWeight >= 0) || !(merged.conceptWeight >= 0)) {
      throw new Error('LocalHashEmbeddings: bigramWeight, cjkUnigramWeight and conceptWeight must be >= 0');
    }
    this.options = merged;
  }

  get fitted(): boolean {
    return this.documentCount > 0;
  }

  /** Fits smoothed IDF, log((N + 1) / (df + 1)) + 1, on the given corpus. Returns this. */
  fit(corpus: readonly string[]): this {
    if (corpus.length === 0) throw new Error('LocalHashEmbeddings.fit: corpus is empty');
    const df = new Map<string, number>();
    for (const doc of corpus) {
      for (const { term } of tokenize(doc, this.options)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const n = corpus.length;
    this.idf = new Map(Array.from(df, ([term, count]) => [term, Math.log((n + 1) / (count + 1)) + 1]));
    this.documentCount = n;
    return this;
  }

  /** Stable description of the algorithm and options, for index fingerprints. */
  fingerprint(): string {
    const o = this.options;
    return `local-hash-tfidf:v${ALGORITHM_VERSION}:${TOKENIZER_SIGNATURE}:dim=${o.dimension}:bigram=${o.bigramWeight}:cjk1=${o.cjkUnigramWeight}:concept=${o.conceptWeight}`;
  }

  private idfOf(term: string): number {
    if (!this.fitted) return 1;
    return this.idf.get(term) ?? Math.log(this.documentCount + 1) + 1;
  }

  /** Synchronous embedding of one text; an empty or term-less text gives the zero vector. */
  embedText(text: string): number[] {
    const vector = new Float64Array(this.options.dimension);
    for (const { term, weight } of tokenize(text, this.options)) {
      const h = fnv1a(term);
      const bucket = h % this.options.dimension;
      const sign = h & 0x80000000 ? -1 : 1;
      // Sublinear TF above 1 (a term repeated in a long section should not drown the others);
      // fractional weights (single Chinese characters) are kept as they are.
      const tf = weight <= 1 ? weight : 1 + Math.log(weight);
      vector[bucket] += sign * tf * this.idfOf(term);
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm);
    return Array.from(vector, (v) => (norm > 0 ? v / norm : 0));
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedText(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }

  toJSON(): LocalEmbeddingState {
    return {
      kind: 'local-hash-tfidf',
      version: ALGORITHM_VERSION,
      options: { ...this.options },
      documentCount: this.documentCount,
      idf: Object.fromEntries(this.idf),
    };
  }

  static fromJSON(state: LocalEmbeddingState): LocalHashEmbeddings {
    if (state.kind !== 'local-hash-tfidf' || state.version !== ALGORITHM_VERSION) {
      throw new Error(`Unsupported local embedding state ${state.kind} v${state.version}; rebuild the index`);
    }
    const e = new LocalHashEmbeddings(state.options);
    e.idf = new Map(Object.entries(state.idf));
    e.documentCount = state.documentCount;
    return e;
  }
}
