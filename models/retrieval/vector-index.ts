import { HierarchicalNSW } from 'hnswlib-node';

/** A neighbour found by the vector index: the passage position and its cosine similarity. */
export interface VectorHit {
  id: number;
  similarity: number;
}

// Fixed construction parameters and seed: the same vectors always give the same graph.
const M = 16;
const EF_CONSTRUCTION = 200;
const RANDOM_SEED = 42;

/**
 * Thin wrapper over hnswlib's HierarchicalNSW in cosine space. Labels are passage positions
 * 0..n-1, so the metadata array and the index line up without a separate id map.
 */
export class VectorIndex {
  private constructor(private readonly index: HierarchicalNSW) {}

  static build(vectors: readonly number[][]): VectorIndex {
    if (vectors.length === 0) throw new Error('VectorIndex.build: no vectors');
    const dimension = vectors[0].length;
    const index = new HierarchicalNSW('cosine', dimension);
    index.initIndex({ maxElements: vectors.length, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: RANDOM_SEED });
    vectors.forEach((v, i) => {
      if (v.length !== dimension) throw new Error(`VectorIndex.build: vector ${i} has ${v.length} dimensions, expected ${dimension}`);
      index.addPoint(v, i);
    });
    return new VectorIndex(index);
  }

  static async load(file: string, dimension: number): Promise<VectorIndex> {
    const index = new HierarchicalNSW('cosine', dimension);
    await index.readIndex(file);
    return new VectorIndex(index);
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  get dimension(): number {
    return this.index.getNumDimensions();
  }

  /** Up to k nearest passages, most similar first. */
  search(query: readonly number[], k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    // ef below k would silently return fewer or worse neighbours.
    this.index.setEf(Math.max(64, n));
    const { neighbors, distances } = this.index.searchKnn([...query], n);
    return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i] }));
  }

  /** Exact cosine similarity of the query with one stored passage (stored vectors are unit length). */
  similarity(query: readonly number[], id: number): number {
    const point = this.index.getPoint(id);
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < point.length; i++) {
      dot += point[i] * query[i];
      norm += query[i] * query[i];
    }
    return norm > 0 ? dot / Math.sqrt(norm) : 0;
  }
}
