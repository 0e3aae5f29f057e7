import { tokenize, type TokenizeOptions, DEFAULT_TOKENIZE_OPTIONS } from './tokenize';

export interface Bm25Options extends TokenizeOptions {
  k1: number;
  b: number;
}

export const DEFAULT_BM25_OPTIONS: Bm25Options = { k1: 1.2, b: 0.75, ...DEFAULT_TOKENIZE_OPTIONS };

/**
 * Okapi BM25 over the same terms as the local embedding. Term weights from the tokenizer count
 * as fractional term frequencies, so Chinese single characters weigh less than bigrams.
 * Fitted in memory from the passages at open: the handbook is small, a persisted copy would
 * only be one more file to keep in sync.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Array<{ doc: number; tf: number }>>();
  private readonly lengths: number[] = [];
  private avgLength = 0;

  private constructor(private readonly options: Bm25Options) {}

  static fit(documents: readonly string[], options: Partial<Bm25Options> = {}): Bm25Index {
    if (documents.length === 0) throw new Error('Bm25Index.fit: no documents');
    const index = new Bm25Index({ ...DEFAULT_BM25_OPTIONS, ...options });
    documents.forEach((text, doc) => {
      const terms = tokenize(text, index.options);
      let length = 0;
      for (const { term, weight } of terms) {
        length += weight;
        const list = index.postings.get(term) ?? [];
        list.push({ doc, tf: weight });
        index.postings.set(term, list);
      }
      index.lengths.push(length);
    });
    index.avgLength = index.lengths.reduce((a, b) => a + b, 0) / documents.length;
    return index;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Score of every document for the query, indexed like the fitted documents. */
  scores(query: string): Float64Array {
    const { k1, b } = this.options;
    const n = this.lengths.length;
    const out = new Float64Array(n);
    for (const { term, weight } of tokenize(query, this.options)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]) / this.avgLength);
        out[doc] += weight * idf * ((tf * (k1 + 1)) / norm);
      }
    }
    return out;
  }
}
