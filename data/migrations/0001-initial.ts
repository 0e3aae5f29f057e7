import { Kysely, sql, type Migration } from 'kysely';
import type { Engine } from './engine';

const money = 'double precision' as const;

/** Version 1: the bank's tables and the indexes for the look-ups the skills make. */
export function initialSchema(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();

      await db.schema
        .createTable('branches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text')
        .addColumn('aad_object_id', 'text', (c) => c.unique())
        .addColumn('email', 'text')
        .execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_pinyin', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('rm_id', 'text', (c) => c.notNull())
        .addColumn('marketing_consent', 'integer', (c) => c.notNull())
        .addColumn('do_not_contact', 'integer', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('occupation', 'text', (c) => c.notNull())
        .addColumn('annual_income', money, (c) => c.notNull())
        .addColumn('joined_date', 'text', (c) => c.notNull())
        .addColumn('preferred_language', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customers_name').on('customers').column('name').execute();
      await db.schema.createIndex('customers_pinyin').on('customers').expression(sql`lower(name_pinyin)`).execute();
      await db.schema.createIndex('customers_rm').on('customers').column('rm_id').execute();
      await db.schema.createIndex('customers_branch').on('customers').column('branch_id').execute();
      await db.schema.createIndex('customers_city').on('customers').column('city').execute();

      await db.schema
        .createTable('customer_traits')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('affluence', money, (c) => c.notNull())
        .addColumn('financial_stress', money, (c) => c.notNull())
        .addColumn('disengagement', money, (c) => c.notNull())
        .addColumn('digital_affinity', money, (c) => c.notNull())
        .addColumn('travel', money, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('opened_date', 'text', (c) => c.notNull())
        .addColumn('closed_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('balance', money, (c) => c.notNull())
        .addColumn('credit_limit', money)
        .execute();
      await db.schema.createIndex('accounts_customer').on('accounts').columns(['customer_id', 'product']).execute();
      await db.schema.createIndex('accounts_product').on('accounts').columns(['product', 'status']).execute();

      await db.schema
        .createTable('transactions')
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('ts', 'text', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('merchant', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('is_cross_border', 'integer', (c) => c.notNull())
        .addColumn('injected_anomaly', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transactions_customer_ts').on('transactions').columns(['customer_id', 'ts']).execute();
      await db.schema.createIndex('transactions_ts').on('transactions').column('ts').execute();

      await db.schema
        .createTable('credit_facilities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('principal', money, (c) => c.notNull())
        .addColumn('opened_date', 'text', (c) => c.notNull())
        .addColumn('term_months', 'integer', (c) => c.notNull())
        .addColumn('interest_rate', money, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('default_date', 'text')
        .execute();
      await db.schema.createIndex('credit_facilities_customer').on('credit_facilities').column('customer_id').execute();

      await db.schema
        .createTable('repayments')
        .addColumn('facility_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('amount_due', money, (c) => c.notNull())
        .addColumn('amount_paid', money, (c) => c.notNull())
        .addColumn('days_past_due', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('repayments_pk', ['facility_id', 'month'])
        .execute();
      await db.schema.createIndex('repayments_customer_month').on('repayments').columns(['customer_id', 'month']).execute();

      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('campaign_contacts')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('contacted_at', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_contacts_pk', ['campaign_id', 'customer_id'])
        .execute();
      await db.schema.createIndex('campaign_contacts_customer').on('campaign_contacts').columns(['customer_id', 'contacted_at']).execute();

      await db.schema
        .createTable('interactions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('ts', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('interactions_customer').on('interactions').columns(['customer_id', 'ts']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('ts', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('intent', 'text', (c) => c.notNull())
        .addColumn('recognizer', 'text', (c) => c.notNull())
        .addColumn('entities', 'text', (c) => c.notNull())
        .addColumn('customer_ids', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_staff_ts').on('audit_log').columns(['staff_id', 'ts']).execute();
      await makeAuditLogAppendOnly(db, engine);
    },
  };
}

/** The audit log is evidence: the database itself refuses to change or delete a row. */
async function makeAuditLogAppendOnly(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
}

