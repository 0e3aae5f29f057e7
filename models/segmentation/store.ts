import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import type { SegmentationModel, Segment } from './model';
import { deserialiseSegmentation, serialiseSegmentation } from './serialise';
import type { SegmentationTables } from './tables';

/** Rows per INSERT: 4 parameters each keeps well inside SQLite's and PostgreSQL's bind limits. */
export const ASSIGNMENT_CHUNK = 1000;

type Tx = Kysely<Database & SegmentationTables>;

/**
 * Replaces the stored segmentation with `model`: its JSON, its segments, and every customer's
 * assignment (`ids[i]` → `labels[i]`, `distances[i]`). Runs in one transaction so the bot never sees
 * customers pointing at a model that is not there. Earlier models and their segment rows are kept as history.
 */
export async function storeSegmentation(
  db: Kysely<Database>,
  model: SegmentationModel,
  ids: readonly string[],
  labels: Int32Array,
  distances: Float64Array,
  onChunk?: (done: number) => void,
): Promise<void> {
  if (ids.length !== labels.length || ids.length !== distances.length) throw new Error('ids, labels and distances must have the same length');
  await db
    .withTables<SegmentationTables>()
    .transaction()
    .execute(async (tx: Tx) => {
      await tx.deleteFrom('segments').where('model_version', '=', model.version).execute();
      await tx.deleteFrom('segmentation_models').where('model_version', '=', model.version).execute();
      await tx
        .insertInto('segmentation_models')
        .values({ model_version: model.version, trained_at: model.trainedAt, as_of: model.asOf, model: serialiseSegmentation(model) })
        .execute();
      await tx
        .insertInto('segments')
        .values(
          model.segments.map((s) => ({
            model_version: model.version,
            segment_id: s.id,
            name_en: s.nameEn,
            name_zh: s.nameZh,
            description_en: s.descriptionEn,
            description_zh: s.descriptionZh,
            profile: JSON.stringify(s.profile),
          })),
        )
        .execute();
      await tx.deleteFrom('customer_segments').execute();
      for (let start = 0; start < ids.length; start += ASSIGNMENT_CHUNK) {
        const rows = [];
        for (let i = start; i < Math.min(ids.length, start + ASSIGNMENT_CHUNK); i++) {
          rows.push({ customer_id: ids[i] as string, segment_id: labels[i] as number, model_version: model.version, distance: distances[i] as number });
        }
        await tx.insertInto('customer_segments').values(rows).execute();
        onChunk?.(Math.min(ids.length, start + ASSIGNMENT_CHUNK));
      }
    });
}

/** The current segmentation, as the bot reads it. */
export interface LoadedSegmentation {
  model: SegmentationModel;
  segments: readonly Segment[];
}

/**
 * Loads the most recently trained segmentation, or null when none has been trained yet. A stored model
 * that fails validation is an Error (retrain with `npm run train`), never a silent null.
 */
export async function loadSegmentation(db: Kysely<Database>): Promise<LoadedSegmentation | null> {
  const row = await db
    .withTables<SegmentationTables>()
    .selectFrom('segmentation_models')
    .select(['model_version', 'model'])
    .orderBy('trained_at', 'desc')
    .orderBy('model_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  let model: SegmentationModel;
  try {
    model = deserialiseSegmentation(row.model);
  } catch (err) {
    throw new Error(`stored segmentation ${row.model_version} cannot be loaded (${err instanceof Error ? err.message : String(err)}); retrain it`, { cause: err });
  }
  return { model, segments: model.segments };
}

/** A customer's stored segment, or null when the customer has not been segmented. */
export async function customerSegment(
  db: Kysely<Database>,
  customerId: string,
): Promise<{ segmentId: number; modelVersion: string; distance: number } | null> {
  const row = await db
    .withTables<SegmentationTables>()
    .selectFrom('customer_segments')
    .select(['segment_id', 'model_version', 'distance'])
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row ? { segmentId: Number(row.segment_id), modelVersion: row.model_version, distance: Number(row.distance) } : null;
}
