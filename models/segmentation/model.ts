import { kmeansFit, nearestCentroid, checkMatrix, type Matrix } from './kmeans';
import { SEGMENT_FEATURES, SEGMENT_FEATURE_KEYS, type FeatureTransform, type SegmentFeatureKey } from './features';
import { nameSegments, type SegmentName } from './naming';
import { ProfileAccumulator, type SegmentProfile } from './profile';
import { sampleIndexes, seededRandom } from './random';
import { silhouetteScore } from './silhouette';
import { fitStandardiser, standardiseInto, standardiseRows, type Standardiser } from './standardiser';

export interface Segment extends SegmentName {
  id: number;
  profile: SegmentProfile;
}

/** A trained segmentation: everything needed to assign a customer and to describe every segment. */
export interface SegmentationModel {
  version: string;
  trainedAt: string;
  asOf: string;
  features: readonly SegmentFeatureKey[];
  standardiser: Standardiser;
  k: number;
  /** k rows of standardised coordinates. */
  centroids: number[][];
  segments: Segment[];
  /** How k was chosen: mean silhouette per candidate k on the silhouette sample. */
  selection: { k: number; silhouette: number; inertia: number }[];
  training: { rows: number; fitRows: number; silhouetteRows: number; seed: number };
}

export interface SegmentationOptions {
  /** Smallest and largest k tried; default [4, 10]. */
  kRange?: readonly [number, number];
  seed?: number;
  /** Rows k-means is fitted on (the rest are only assigned). Default 100,000. */
  fitSampleSize?: number;
  /** Rows the silhouette is computed on, O(n²). Default 3,000. */
  silhouetteSampleSize?: number;
  /** k-means++ restarts per k. Default 2. */
  nInit?: number;
  maxIterations?: number;
  asOf?: string;
  version?: string;
  trainedAt?: string;
}

export interface SegmentAssignment {
  segmentId: number;
  /** Euclidean distance to the centroid in standardised units. */
  distance: number;
}

export const DEFAULT_K_RANGE: readonly [number, number] = [4, 10];

/**
 * Fits the segmentation on raw feature rows (columns in `SEGMENT_FEATURES` order): standardise, k-means
 * for every k in the range on a sample, keep the k with the best silhouette, then profile and name the
 * segments over all rows. Deterministic for a seed.
 */
export function fitSegmentation(x: Matrix, options: SegmentationOptions = {}): SegmentationModel {
  checkMatrix(x);
  if (x.dim !== SEGMENT_FEATURES.length) throw new Error(`segmentation expects ${SEGMENT_FEATURES.length} feature columns, got ${x.dim}`);
  const [kMin, kMax] = options.kRange ?? DEFAULT_K_RANGE;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) {
    throw new Error(`kRange must be two integers 2 <= min <= max, got [${kMin}, ${kMax}]`);
  }
  if (x.rows < kMax * 2) throw new Error(`segmentation needs at least ${kMax * 2} customers for k up to ${kMax}, got ${x.rows}`);
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  const fitIdx = sampleIndexes(x.rows, options.fitSampleSize ?? 100_000, random);
  const transforms = SEGMENT_FEATURES.map((f) => f.transform as FeatureTransform);
  const standardiser = fitStandardiser(x, fitIdx, transforms);
  const fitRows = standardiseRows(standardiser, x, fitIdx);
  const silhouetteRows = Math.min(fitRows.rows, options.silhouetteSampleSize ?? 3000);
  const silIdx = sampleIndexes(fitRows.rows, silhouetteRows, random);
  const silMatrix = standardiseRows(standardiser, x, silIdx.map((i) => fitIdx[i] as number));

  const { selection, best: chosen } = selectK(fitRows, silMatrix, [kMin, kMax], {
    seed,
    nInit: options.nInit ?? 2,
    maxIterations: options.maxIterations ?? 100,
  });
  const centroids = Array.from({ length: chosen.k }, (_, c) => Array.from(chosen.centroids.subarray(c * x.dim, (c + 1) * x.dim)));

  const partial: SegmentationModel = {
    version: options.version ?? `segmentation-${options.asOf ?? 'unspecified'}-k${chosen.k}-s${seed}`,
    trainedAt: options.trainedAt ?? new Date().toISOString(),
    asOf: options.asOf ?? '',
    features: SEGMENT_FEATURE_KEYS,
    standardiser,
    k: chosen.k,
    centroids,
    segments: [],
    selection,
    training: { rows: x.rows, fitRows: fitRows.rows, silhouetteRows, seed },
  };
  const profiles = new ProfileAccumulator(chosen.k);
  for (let i = 0; i < x.rows; i++) profiles.add(assignSegmentAt(partial, x.data, i * x.dim).segmentId, x.data, i * x.dim);
  return withProfiles(partial, profiles.profiles());
}

/**
 * Fits k-means on `fitRows` (already standardised) for every k in the range and scores each labelling of
 * `silhouetteRows` by mean silhouette; the best k wins (the smaller k on a tie).
 */
export function selectK(
  fitRows: Matrix,
  silhouetteRows: Matrix,
  kRange: readonly [number, number],
  options: { seed: number; nInit?: number; maxIterations?: number },
): { selection: SegmentationModel['selection']; best: { k: number; silhouette: number; centroids: Float64Array } } {
  const [kMin, kMax] = kRange;
  if (silhouetteRows.dim !== fitRows.dim) throw new Error('fit and silhouette rows must have the same columns');
  const selection: SegmentationModel['selection'] = [];
  let best: { k: number; silhouette: number; centroids: Float64Array } | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const fit = kmeansFit(fitRows, k, { seed: options.seed + k, nInit: options.nInit ?? 2, maxIterations: options.maxIterations ?? 100 });
    const labels = new Int32Array(silhouetteRows.rows);
    for (let i = 0; i < silhouetteRows.rows; i++) labels[i] = nearestCentroid(fit.centroids, k, fitRows.dim, silhouetteRows.data, i * fitRows.dim)[0];
    const silhouette = silhouetteScore(silhouetteRows, labels, k);
    selection.push({ k, silhouette, inertia: fit.inertia });
    if (best === null || silhouette > best.silhouette) best = { k, silhouette, centroids: fit.centroids };
  }
  if (best === null) throw new Error(`empty kRange [${kMin}, ${kMax}]`);
  return { selection, best };
}

/** The model with segment names and descriptions rebuilt from these profiles (e.g. after assigning everyone). */
export function withProfiles(model: SegmentationModel, profiles: readonly SegmentProfile[]): SegmentationModel {
  if (profiles.length !== model.k) throw new Error(`${profiles.length} profiles for k = ${model.k}`);
  const names = nameSegments(model.centroids, profiles);
  const segments = profiles.map((profile, id) => ({ id, ...(names[id] as SegmentName), profile }));
  return { ...model, segments };
}

/** Nearest centroid for one raw feature row (in `model.features` order). */
export function assignSegment(model: SegmentationModel, row: ArrayLike<number>): SegmentAssignment {
  if (row.length !== model.features.length) throw new Error(`row has ${row.length} values, the model expects ${model.features.length}`);
  for (let j = 0; j < row.length; j++) {
    if (!Number.isFinite(row[j] as number)) throw new Error(`feature ${model.features[j]} is not a finite number`);
  }
  return assignSegmentAt(model, row, 0);
}

const flatCache = new WeakMap<SegmentationModel['centroids'], Float64Array>();

function assignSegmentAt(model: SegmentationModel, row: ArrayLike<number>, offset: number): SegmentAssignment {
  const dim = model.features.length;
  let flat = flatCache.get(model.centroids);
  if (!flat) {
    flat = Float64Array.from(model.centroids.flat());
    flatCache.set(model.centroids, flat);
  }
  const z = new Float64Array(dim);
  standardiseInto(model.standardiser, row, offset, z, 0);
  const [segmentId, d2] = nearestCentroid(flat, model.k, dim, z);
  return { segmentId, distance: Math.sqrt(d2) };
}

/** Assigns rows of a raw matrix in place of a loop over `assignSegment` (no per-row checks). */
export function assignMatrix(model: SegmentationModel, x: Matrix): { labels: Int32Array; distances: Float64Array } {
  checkMatrix(x);
  if (x.dim !== model.features.length) throw new Error(`matrix has ${x.dim} columns, the model expects ${model.features.length}`);
  const labels = new Int32Array(x.rows);
  const distances = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    const a = assignSegmentAt(model, x.data, i * x.dim);
    labels[i] = a.segmentId;
    distances[i] = a.distance;
  }
  return { labels, distances };
}
