import { Embeddings } from '@langchain/core/embeddings';

/**
 * Stand-in for a hosted embedding: deterministic character-trigram counts, so the index code
 * can be exercised with a non-local provider without any network call. Counts its calls.
 */
export class FakeHostedEmbeddings extends Embeddings {
  calls = 0;
  readonly model: string;

  constructor(model = 'fake-embedding-1', private readonly dimension = 128) {
    super({});
    this.model = model;
  }

  private embed(text: string): number[] {
    const v = new Array<number>(this.dimension).fill(0);
    for (let i = 0; i + 3 <= text.length; i++) {
      let h = 7;
      for (const ch of text.slice(i, i + 3)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
      v[h % this.dimension] += 1;
    }
    v[0] += 1e-6; // never the zero vector
    return v;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    this.calls += 1;
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    this.calls += 1;
    return this.embed(document);
  }
}
