import { z } from 'zod';
import { SEGMENT_FEATURE_KEYS } from './features';
import type { SegmentationModel } from './model';

const FORMAT = 'bank-copilot.segmentation';
const FORMAT_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const keys = z.enum(SEGMENT_FEATURE_KEYS as [string, ...string[]]);

const profileSchema = z.object({
  size: finite,
  share: finite,
  meanAge: finite,
  meanAssets: finite,
  meanIncome: finite,
  meanProducts: finite,
  digitalShare: finite,
  crossBorderShare: finite,
  meanTransactionsPerMonth: finite,
  meanDaysSinceLastTransaction: finite,
  means: z.record(keys, finite),
});

const modelSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  model: z.object({
    version: z.string().min(1),
    trainedAt: z.string(),
    asOf: z.string(),
    features: z.array(keys),
    standardiser: z.object({
      transforms: z.array(z.enum(['log', 'none'])),
      mean: z.array(finite),
      scale: z.array(finite.refine((v) => v > 0, 'must be positive')),
      clip: finite.refine((v) => v > 0, 'must be positive'),
    }),
    k: z.number().int().min(1),
    centroids: z.array(z.array(finite)),
    segments: z.array(
      z.object({
        id: z.number().int().min(0),
        nameEn: z.string().min(1),
        nameZh: z.string().min(1),
        descriptionEn: z.string(),
        descriptionZh: z.string(),
        profile: profileSchema,
      }),
    ),
    selection: z.array(z.object({ k: z.number().int(), silhouette: finite, inertia: finite })),
    training: z.object({ rows: z.number().int(), fitRows: z.number().int(), silhouetteRows: z.number().int(), seed: finite }),
  }),
});

/** JSON text of a model, tagged with its format so a wrong file is recognised on load. */
export function serialiseSegmentation(model: SegmentationModel): string {
  return JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, model });
}

/** Parses and checks a serialised model; any corruption is a clear Error naming what is wrong. */
export function deserialiseSegmentation(text: string): SegmentationModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`segmentation model is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`segmentation model is corrupt or not a segmentation model: ${first.join('; ')}`);
  }
  const m = parsed.data.model as unknown as SegmentationModel;
  const dim = m.features.length;
  if (dim !== SEGMENT_FEATURE_KEYS.length || m.features.some((f, i) => f !== SEGMENT_FEATURE_KEYS[i])) {
    throw new Error(`segmentation model features [${m.features.join(', ')}] do not match this version's [${SEGMENT_FEATURE_KEYS.join(', ')}]: retrain it`);
  }
  const s = m.standardiser;
  if (s.transforms.length !== dim || s.mean.length !== dim || s.scale.length !== dim) throw new Error(`segmentation model standardiser does not have ${dim} columns`);
  if (m.centroids.length !== m.k || m.centroids.some((c) => c.length !== dim)) throw new Error(`segmentation model needs ${m.k} centroids of ${dim} values`);
  if (m.segments.length !== m.k || m.segments.some((seg, i) => seg.id !== i)) throw new Error(`segmentation model needs segments 0..${m.k - 1} in order`);
  return m;
}
