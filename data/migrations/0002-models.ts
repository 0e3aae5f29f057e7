import { type Kysely, type Migration } from 'kysely';
import type { Engine } from './engine';

const real = 'double precision' as const;

/**
 * Version 2: the model registry (versioned, checksummed artifacts shared by every bot instance) and the
 * tables batch scoring fills: one row of credit and churn scores per customer, and one propensity row
 * per (customer, product) the customer does not hold yet, indexed so that a campaign list is a query.
 */
export function modelTables(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('model_registry')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('trained_at', 'text', (c) => c.notNull())
        .addColumn('snapshot_date', 'text', (c) => c.notNull())
        .addColumn('metrics', 'text', (c) => c.notNull())
        .addColumn('features', 'text', (c) => c.notNull())
        .addColumn('feature_profile', 'text', (c) => c.notNull())
        .addColumn('artifact', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('model_registry_pk', ['name', 'version'])
        .execute();

      await db.schema
        .createTable('customer_scores')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('credit_score', real)
        .addColumn('credit_band', 'text')
        .addColumn('pd', real)
        .addColumn('credit_reasons', 'text', (c) => c.notNull())
        .addColumn('churn_probability', real)
        .addColumn('churn_level', 'text')
        .addColumn('churn_reasons', 'text', (c) => c.notNull())
        .addColumn('credit_model_version', 'integer')
        .addColumn('churn_model_version', 'integer')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customer_scores_band').on('customer_scores').column('credit_band').execute();
      await db.schema.createIndex('customer_scores_churn').on('customer_scores').column('churn_level').execute();

      await db.schema
        .createTable('product_propensity')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('score', real, (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('model_version', 'integer', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_propensity_pk', ['customer_id', 'product'])
        .execute();
      await db.schema.createIndex('product_propensity_product_score').on('product_propensity').columns(['product', 'score']).execute();
    },
  };
}
