import { type Kysely, type Migration } from 'kysely';
import type { Engine } from './engine';

const real = 'double precision' as const;

/**
 * Version 4: per-customer total assets for campaign lists ("balance over 200k" over a million customers
 * must not sum every account on every request). Filled by `refreshCampaignBalances`
 * (data/repositories/campaign-repository.ts): the scoring step should call it after each run, and a
 * campaign query with a balance filter calls it when the data changed since (new as-of date, seed or
 * accounts).
 *
 * Two covering indexes let the contact rules be answered from one index look-up per customer instead of
 * an index look-up plus a table read: "already holds the product" (accounts by customer, product,
 * status) and "credit band D–E" / churn filters (scores by customer with band and level).
 */
export function campaignSummary(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('customer_balances')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('total_assets', real, (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accounts_customer_product_status').on('accounts').columns(['customer_id', 'product', 'status']).execute();
      await db.schema
        .createIndex('customer_scores_customer_levels')
        .on('customer_scores')
        .columns(['customer_id', 'credit_band', 'churn_level'])
        .execute();
    },
  };
}
