/**
 * The training set: features as of the snapshot plus labels from the window after it, built page
 * by page from the database and kept as one row-major Float64Array.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { PRODUCT_CODES, type ProductCode } from '../../data/vocabulary';
import { FEATURE_NAMES } from '../features/catalogue';
import { streamFeatures } from '../features/stream';
import { computeLabels } from './labels';

export interface TrainingSet {
  readonly snapshot: string;
  readonly windowEnd: string;
  readonly ids: string[];
  readonly width: number;
  /** Features as of the snapshot, `values[row * width + column]`, catalogue column order. */
  readonly values: Float64Array;
  readonly default: Int8Array;
  readonly churn: Int8Array;
  readonly propensity: Record<ProductCode, Int8Array>;
}

export interface BuildProgress {
  customers: number;
}

/** Streams every customer who had joined before the snapshot and attaches their labels. */
export async function buildTrainingSet(
  db: Kysely<Database>,
  snapshot: string,
  windowEnd: string,
  options: { pageSize?: number; onPage?: (p: BuildProgress) => void } = {},
): Promise<TrainingSet> {
  const width = FEATURE_NAMES.length;
  const ids: string[] = [];
  const valuePages: Float64Array[] = [];
  const defaults: Int8Array[] = [];
  const churn: Int8Array[] = [];
  const propensity = Object.fromEntries(PRODUCT_CODES.map((p) => [p, [] as Int8Array[]])) as Record<ProductCode, Int8Array[]>;
  for await (const page of streamFeatures(db, snapshot, { pageSize: options.pageSize, joinedBefore: true })) {
    const labels = await computeLabels(db, page.ids, snapshot, windowEnd);
    for (const id of page.ids) ids.push(id);
    valuePages.push(page.values);
    defaults.push(labels.default);
    churn.push(labels.churn);
    for (const p of PRODUCT_CODES) propensity[p].push(labels.propensity[p]);
    options.onPage?.({ customers: ids.length });
  }
  const concatF = (parts: Float64Array[], len: number) => {
    const out = new Float64Array(len);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const concatI = (parts: Int8Array[]) => {
    const out = new Int8Array(ids.length);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  return {
    snapshot,
    windowEnd,
    ids,
    width,
    values: concatF(valuePages, ids.length * width),
    default: concatI(defaults),
    churn: concatI(churn),
    propensity: Object.fromEntries(PRODUCT_CODES.map((p) => [p, concatI(propensity[p])])) as Record<ProductCode, Int8Array>,
  };
}

/** Deterministic holdout membership: a customer is in the holdout when hash(seed, id) falls below `fraction`. */
export function inHoldout(id: string, seed: number, fraction: number): boolean {
  let h = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296 < fraction;
}
