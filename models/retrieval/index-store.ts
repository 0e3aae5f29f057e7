import type { Embeddings } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkSections, DEFAULT_CHUNK_OPTIONS, passageSearchText, type PassageRecord } from './chunk';
import { describeEmbeddings } from './embeddings-factory';
import { handbookFingerprint, parseHandbook, readHandbookFiles } from './handbook';
import { LocalHashEmbeddings, type LocalEmbeddingState } from './local-embeddings';
import { VectorIndex } from './vector-index';

const FORMAT_VERSION = 1;
export const INDEX_FILES = {
  meta: 'passages.json',
  vectors: 'policy.hnsw',
  localEmbedding: 'local-embedding.json',
} as const;

/** The JSON stored beside the HNSW file. Written last, so its presence marks a complete index. */
export interface StoredIndexMeta {
  formatVersion: number;
  /** Hash of the handbook files, the embedding description, the chunking and this format. */
  fingerprint: string;
  embedding: string;
  dimension: number;
  builtAt: string;
  buildMs: number;
  passages: PassageRecord[];
}

export interface OpenedIndex {
  meta: StoredIndexMeta;
  vectors: VectorIndex;
  /** The embedding to use for queries: for the local one, the copy fitted on this handbook. */
  queryEmbeddings: Embeddings;
  /** True when this call built the index, false when a stored one was reused. */
  rebuilt: boolean;
}

export interface OpenIndexOptions {
  handbookDir: string;
  indexDir: string;
  /** Defaults to the local hashed TF-IDF embedding. */
  embeddings?: Embeddings;
}

function computeFingerprint(handbookHash: string, embedding: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ FORMAT_VERSION, handbookHash, embedding, chunk: DEFAULT_CHUNK_OPTIONS }))
    .digest('hex');
}

function readMeta(indexDir: string): StoredIndexMeta | undefined {
  const file = join(indexDir, INDEX_FILES.meta);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredIndexMeta;
  } catch (err) {
    // A corrupt metadata file is not fatal: the index is simply rebuilt from the handbook.
    process.emitWarning(`Policy index metadata ${file} is unreadable (${(err as Error).message}); rebuilding`);
    return undefined;
  }
}

let tmpCounter = 0;
/** A temporary name beside the target, unique per process and call. */
function tmpName(file: string): string {
  tmpCounter += 1;
  return `${file}.tmp-${process.pid}-${tmpCounter}`;
}

function writeAtomic(file: string, content: string): void {
  const tmp = tmpName(file);
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

/**
 * Opens the policy index in `indexDir`, reusing the stored one when its fingerprint matches
 * the current handbook and embedding, and rebuilding (and persisting) it otherwise.
 */
export async function openPolicyIndex(options: OpenIndexOptions): Promise<OpenedIndex> {
  const files = readHandbookFiles(options.handbookDir);
  const baseEmbeddings = options.embeddings ?? new LocalHashEmbeddings();
  const embedding = describeEmbeddings(baseEmbeddings);
  const fingerprint = computeFingerprint(handbookFingerprint(files), embedding);
  const isLocal = baseEmbeddings instanceof LocalHashEmbeddings;

  const stored = readMeta(options.indexDir);
  const vectorFile = join(options.indexDir, INDEX_FILES.vectors);
  const localFile = join(options.indexDir, INDEX_FILES.localEmbedding);
  if (
    stored &&
    stored.formatVersion === FORMAT_VERSION &&
    stored.fingerprint === fingerprint &&
    existsSync(vectorFile) &&
    (!isLocal || existsSync(localFile))
  ) {
    const vectors = await VectorIndex.load(vectorFile, stored.dimension);
    if (vectors.size === stored.passages.length) {
      const queryEmbeddings = isLocal
        ? LocalHashEmbeddings.fromJSON(JSON.parse(readFileSync(localFile, 'utf8')) as LocalEmbeddingState)
        : baseEmbeddings;
      return { meta: stored, vectors, queryEmbeddings, rebuilt: false };
    }
  }

  const started = performance.now();
  const passages = chunkSections(parseHandbook(files));
  const texts = passages.map(passageSearchText);
  // The caller's local embedding is not mutated: a fitted copy with the same options is used.
  const queryEmbeddings = isLocal ? new LocalHashEmbeddings(baseEmbeddings.options).fit(texts) : baseEmbeddings;
  const vectorsArray = await queryEmbeddings.embedDocuments(texts);
  const vectors = VectorIndex.build(vectorsArray);
  const meta: StoredIndexMeta = {
    formatVersion: FORMAT_VERSION,
    fingerprint,
    embedding,
    dimension: vectors.dimension,
    builtAt: new Date().toISOString(),
    buildMs: 0,
    passages,
  };

  mkdirSync(options.indexDir, { recursive: true });
  // Written under a temporary name and renamed, so a process opening the index meanwhile never
  // reads a half-written graph.
  const vectorTmp = tmpName(vectorFile);
  await vectors.save(vectorTmp);
  renameSync(vectorTmp, vectorFile);
  if (queryEmbeddings instanceof LocalHashEmbeddings) {
    writeAtomic(localFile, JSON.stringify(queryEmbeddings.toJSON()));
  }
  meta.buildMs = Math.round(performance.now() - started);
  writeAtomic(join(options.indexDir, INDEX_FILES.meta), JSON.stringify(meta, null, 1));
  return { meta, vectors, queryEmbeddings, rebuilt: true };
}
