import type { Kysely } from 'kysely';
import type { SegmentProfile } from '../../models/segmentation/profile';
import type { SegmentationTables } from '../../models/segmentation/tables';
import type { Database } from '../schema';

/** One segment of a stored segmentation, as the segment overview shows it. */
export interface SegmentRow {
  segmentId: number;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  profile: SegmentProfile;
}

/** The newest segmentation's segments, ordered by segment id. */
export interface CurrentSegments {
  modelVersion: string;
  trainedAt: string;
  asOf: string;
  segments: SegmentRow[];
  /** Customers assigned to each segment now (the stored assignments), by segment id. */
  assigned: Map<number, number>;
}

const PROFILE_NUMBERS = ['size', 'share', 'meanAge', 'meanAssets', 'meanIncome', 'meanProducts', 'digitalShare', 'crossBorderShare'] as const;

/** Reads what the segmentation step stored (migration 0003); never writes. */
export class SegmentRepository {
  private readonly db: Kysely<Database & SegmentationTables>;
  /**
   * Stored segmentations by version. A version's segments and assignments are written once by the
   * segmentation step, so the per-segment counts (a full pass over customer_segments, ~60 ms at 1M)
   * are computed once per version rather than on every question.
   */
  private readonly byVersionCache = new Map<string, CurrentSegments>();

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<SegmentationTables>();
  }

  /** Version of the most recently trained segmentation, or null when none has been trained. */
  async currentVersion(): Promise<{ modelVersion: string; trainedAt: string; asOf: string } | null> {
    const row = await this.db
      .selectFrom('segmentation_models')
      .select(['model_version', 'trained_at', 'as_of'])
      .orderBy('trained_at', 'desc')
      .orderBy('model_version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { modelVersion: row.model_version, trainedAt: row.trained_at, asOf: row.as_of } : null;
  }

  /**
   * The newest segmentation's segment ids and names only (no profiles), for figures that label counts by
   * segment; null when none has been trained.
   */
  async currentNames(): Promise<{ modelVersion: string; segments: Array<{ segmentId: number; nameEn: string; nameZh: string }> } | null> {
    const version = await this.currentVersion();
    if (!version) return null;
    const rows = await this.db
      .selectFrom('segments')
      .select(['segment_id', 'name_en', 'name_zh'])
      .where('model_version', '=', version.modelVersion)
      .orderBy('segment_id')
      .execute();
    return { modelVersion: version.modelVersion, segments: rows.map((r) => ({ segmentId: Number(r.segment_id), nameEn: r.name_en, nameZh: r.name_zh })) };
  }

  /** The newest segmentation with its segments, or null when none has been trained. */
  async current(): Promise<CurrentSegments | null> {
    const version = await this.currentVersion();
    return version ? this.byVersion(version.modelVersion) : null;
  }

  /**
   * A stored segmentation by version (charts link to a version so that a picture never changes under
   * its URL), or null when there is no such version.
   */
  async byVersion(modelVersion: string): Promise<CurrentSegments | null> {
    // Keyed by training time too: a segmentation re-run under the same version name replaces the rows.
    const stamp = await this.db.selectFrom('segmentation_models').select('trained_at').where('model_version', '=', modelVersion).executeTakeFirst();
    if (!stamp) return null;
    const key = `${modelVersion}@${stamp.trained_at}`;
    const cached = this.byVersionCache.get(key);
    if (cached) return cached;
    const loaded = await this.loadVersion(modelVersion);
    if (loaded) {
      if (this.byVersionCache.size >= 8) this.byVersionCache.clear();
      this.byVersionCache.set(key, loaded);
    }
    return loaded;
  }

  private async loadVersion(modelVersion: string): Promise<CurrentSegments | null> {
    const model = await this.db
      .selectFrom('segmentation_models')
      .select(['model_version', 'trained_at', 'as_of'])
      .where('model_version', '=', modelVersion)
      .executeTakeFirst();
    if (!model) return null;
    const [rows, counts] = await Promise.all([
      this.db.selectFrom('segments').selectAll().where('model_version', '=', modelVersion).orderBy('segment_id').execute(),
      this.db
        .selectFrom('customer_segments')
        .select(['segment_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('model_version', '=', modelVersion)
        .groupBy('segment_id')
        .execute(),
    ]);
    return {
      modelVersion: model.model_version,
      trainedAt: model.trained_at,
      asOf: model.as_of,
      segments: rows.map((r) => ({
        segmentId: Number(r.segment_id),
        nameEn: r.name_en,
        nameZh: r.name_zh,
        descriptionEn: r.description_en,
        descriptionZh: r.description_zh,
        profile: parseProfile(r.profile, modelVersion, Number(r.segment_id)),
      })),
      assigned: new Map(counts.map((c) => [Number(c.segment_id), Number(c.n)])),
    };
  }
}

function parseProfile(json: string, version: string, id: number): SegmentProfile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new Error(`segment ${id} of ${version} has a profile that is not JSON; retrain the segmentation`, { cause: err });
  }
  const p = value as Record<string, unknown>;
  const bad = PROFILE_NUMBERS.filter((k) => typeof p?.[k] !== 'number' || !Number.isFinite(p[k] as number));
  if (bad.length > 0) throw new Error(`segment ${id} of ${version} has a profile without ${bad.join(', ')}; retrain the segmentation`);
  return value as SegmentProfile;
}
