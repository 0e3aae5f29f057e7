/**
 * Offline policy retrieval over the bilingual handbook in prompts/policy: local (or hosted)
 * embeddings, an hnswlib index persisted with a fingerprint, hybrid vector + BM25 ranking,
 * and citations that skills attach to their answers.
 */
export { PolicyRetriever, DEFAULT_VECTOR_WEIGHT } from './policy-retriever';
export type { PolicyLookup, PolicyPassage, SearchOptions, RetrieverOptions } from './policy-retriever';
export { CITATIONS, PRODUCT_CITATIONS } from './citations';
export type { CitationKey } from './citations';
export { formatCitation } from './format-citation';
export type { CitablePassage } from './format-citation';
export { LocalHashEmbeddings } from './local-embeddings';
export type { LocalEmbeddingOptions } from './local-embeddings';
export { createEmbeddings, describeEmbeddings, embeddingConfigSchema } from './embeddings-factory';
export type { EmbeddingConfig } from './embeddings-factory';
export type { PolicyLanguage } from './handbook';
