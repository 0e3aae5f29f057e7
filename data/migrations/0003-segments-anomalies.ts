import { Kysely, type Migration } from 'kysely';
import type { Engine } from './engine';

const real = 'double precision' as const;

/**
 * Version 3: results of the customer segmentation and of the unusual-transaction detector.
 *
 * - `segmentation_models`: one row per trained segmentation (the model JSON, so the bot can assign new
 *   customers without retraining); `segments` and `customer_segments` refer to it by `model_version`.
 * - `transaction_flags`: transactions the detector found unusual, with a score and bilingual reasons
 *   (JSON), indexed for "this customer's unusual transactions lately" and "everything flagged this week".
 */
export function segmentsAndAnomalies(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('segmentation_models')
        .addColumn('model_version', 'text', (c) => c.primaryKey())
        .addColumn('trained_at', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('segments')
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('segment_id', 'integer', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('description_en', 'text', (c) => c.notNull())
        .addColumn('description_zh', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('segments_pk', ['model_version', 'segment_id'])
        .execute();

      await db.schema
        .createTable('customer_segments')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('segment_id', 'integer', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('distance', real, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customer_segments_segment').on('customer_segments').columns(['model_version', 'segment_id']).execute();

      await db.schema
        .createTable('transaction_flags')
        .addColumn('transaction_id', 'bigint', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('ts', 'text', (c) => c.notNull())
        .addColumn('amount', real, (c) => c.notNull())
        .addColumn('score', real, (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transaction_flags_customer_ts').on('transaction_flags').columns(['customer_id', 'ts']).execute();
      await db.schema.createIndex('transaction_flags_ts').on('transaction_flags').column('ts').execute();
    },
  };
}
