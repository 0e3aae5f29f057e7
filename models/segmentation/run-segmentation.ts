import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { resolveAsOf } from './as-of';
import { fetchFeaturePage } from './feature-query';
import { SEGMENT_FEATURES } from './features';
import { assignMatrix, fitSegmentation, withProfiles, DEFAULT_K_RANGE, type SegmentationModel } from './model';
import { ProfileAccumulator } from './profile';
import { storeSegmentation } from './store';

export interface SegmentationProgress {
  phase: 'features' | 'fit' | 'assign' | 'store';
  done: number;
  total: number;
}

export interface RunSegmentationOptions {
  /** Features as of this date (`YYYY-MM-DD`); default `meta.as_of`, else today. */
  asOf?: string;
  /** Smallest and largest k tried; default [4, 10]. */
  kRange?: readonly [number, number];
  seed?: number;
  /** Customers k-means is fitted on; everyone is then assigned. Default 100,000. */
  fitSampleSize?: number;
  /** Customers per feature query page. Default 5,000. */
  pageSize?: number;
  onProgress?: (p: SegmentationProgress) => void;
  /** Written to the model; default now. */
  trainedAt?: string;
}

export interface SegmentationRunResult {
  modelVersion: string;
  asOf: string;
  k: number;
  silhouette: number;
  customers: number;
  segments: { id: number; nameEn: string; nameZh: string; size: number; share: number }[];
  seconds: { features: number; fit: number; store: number; total: number };
  model: SegmentationModel;
}

/**
 * Trains the customer segmentation on the bank's database and stores it: features for every customer
 * (paged by id into one typed array), k-means fitted on a sample with k chosen by silhouette, everyone
 * assigned to the nearest centroid, then `segmentation_models`, `segments` and `customer_segments`
 * replaced in one transaction. Works on SQLite and PostgreSQL.
 */
export async function runSegmentation(bank: BankDatabase, options: RunSegmentationOptions = {}): Promise<SegmentationRunResult> {
  const started = performance.now();
  const asOf = await resolveAsOf(bank, options.asOf);
  const pageSize = options.pageSize ?? 5000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  const report = options.onProgress ?? (() => undefined);
  const dim = SEGMENT_FEATURES.length;
  const total = Number(
    (await sql<{ n: number }>`select count(*) as n from customers where joined_date <= ${asOf}`.execute(bank.db)).rows[0]?.n ?? 0,
  );
  if (total === 0) throw new Error(`no customers had joined by ${asOf}: seed the bank first (npm run seed)`);

  // One typed array for everyone: 12 doubles a customer (96 MB at 1M customers) instead of 1M objects.
  let data = new Float64Array(total * dim);
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const page = await fetchFeaturePage(bank, asOf, after, pageSize);
    if (page.ids.length === 0) break;
    if (ids.length + page.ids.length > total) {
      // Customers were added while we read: grow rather than fail.
      const grown = new Float64Array((ids.length + page.ids.length) * dim);
      grown.set(data);
      data = grown;
    }
    data.set(page.data, ids.length * dim);
    for (const id of page.ids) ids.push(id);
    after = page.ids[page.ids.length - 1] as string;
    report({ phase: 'features', done: ids.length, total });
  }
  const x = { data: data.subarray(0, ids.length * dim), rows: ids.length, dim };
  const featuresDone = performance.now();

  report({ phase: 'fit', done: 0, total: 1 });
  const [kMin, kMax] = options.kRange ?? DEFAULT_K_RANGE;
  const trained = fitSegmentation(x, {
    kRange: [kMin, kMax],
    seed: options.seed ?? 42,
    fitSampleSize: options.fitSampleSize,
    asOf,
    trainedAt: options.trainedAt,
  });
  report({ phase: 'fit', done: 1, total: 1 });
  const { labels, distances } = assignMatrix(trained, x);
  const profiles = new ProfileAccumulator(trained.k);
  profiles.addMatrix(x, labels);
  const model = withProfiles(trained, profiles.profiles());
  report({ phase: 'assign', done: ids.length, total: ids.length });
  const fitDone = performance.now();

  await storeSegmentation(bank.db, model, ids, labels, distances, (done) => report({ phase: 'store', done, total: ids.length }));
  const end = performance.now();
  const chosen = model.selection.find((s) => s.k === model.k);
  return {
    modelVersion: model.version,
    asOf,
    k: model.k,
    silhouette: chosen?.silhouette ?? NaN,
    customers: ids.length,
    segments: model.segments.map((s) => ({ id: s.id, nameEn: s.nameEn, nameZh: s.nameZh, size: s.profile.size, share: s.profile.share })),
    seconds: {
      features: (featuresDone - started) / 1000,
      fit: (fitDone - featuresDone) / 1000,
      store: (end - fitDone) / 1000,
      total: (end - started) / 1000,
    },
    model,
  };
}
