import type { Database } from '../schema';

/** The tables the generator fills: the bank's own data (not the audit log, not model results). */
export type BankTable =
  | 'meta'
  | 'branches'
  | 'staff'
  | 'customers'
  | 'customer_traits'
  | 'accounts'
  | 'transactions'
  | 'credit_facilities'
  | 'repayments'
  | 'campaigns'
  | 'campaign_contacts'
  | 'interactions';

/** One row of a bank table, exactly as stored. */
export type BankRow<T extends BankTable> = Database[T];

/**
 * Where generated rows go. The generator calls `insert` for each table of a chunk of customers and
 * then `flush`, which must make the chunk durable (commit); rows of one chunk are never needed again,
 * so a writer may keep at most one chunk in memory.
 */
export interface BulkWriter {
  insert<T extends BankTable>(table: T, rows: readonly BankRow<T>[]): Promise<void>;
  flush(): Promise<void>;
}

/** Progress of a seed run, reported after each chunk. */
export interface SeedProgress {
  phase: 'reference' | 'customers' | 'indexes' | 'done';
  /** Customers written so far, out of `total`. */
  done: number;
  total: number;
  /** Rows written so far, all tables. */
  rows: number;
}

type ColumnList<T extends BankTable> = readonly (keyof BankRow<T> & string)[];

/**
 * Column order used by the bulk writers. Kept next to the row types so that a renamed column is a
 * compile error here; `test/data/generator.test.ts` checks every row has exactly these keys.
 */
export const TABLE_COLUMNS: { readonly [T in BankTable]: ColumnList<T> } = {
  meta: ['key', 'value'],
  branches: ['id', 'name', 'name_zh', 'city'],
  staff: ['id', 'name', 'role', 'branch_id', 'aad_object_id', 'email'],
  customers: [
    'id', 'name', 'name_pinyin', 'gender', 'birth_date', 'city', 'branch_id', 'rm_id', 'marketing_consent',
    'do_not_contact', 'id_number', 'phone', 'email', 'occupation', 'annual_income', 'joined_date', 'preferred_language',
  ],
  customer_traits: ['customer_id', 'affluence', 'financial_stress', 'disengagement', 'digital_affinity', 'travel'],
  accounts: ['id', 'customer_id', 'product', 'opened_date', 'closed_date', 'status', 'balance', 'credit_limit'],
  transactions: [
    'id', 'customer_id', 'account_id', 'ts', 'amount', 'direction', 'channel', 'category', 'merchant', 'country',
    'is_cross_border', 'injected_anomaly',
  ],
  credit_facilities: [
    'id', 'customer_id', 'account_id', 'product', 'principal', 'opened_date', 'term_months', 'interest_rate', 'status',
    'default_date',
  ],
  repayments: ['facility_id', 'customer_id', 'month', 'amount_due', 'amount_paid', 'days_past_due'],
  campaigns: ['id', 'name', 'product', 'start_date', 'end_date', 'channel'],
  campaign_contacts: ['campaign_id', 'customer_id', 'contacted_at', 'channel', 'outcome'],
  interactions: ['id', 'customer_id', 'ts', 'type', 'channel', 'category', 'status', 'note'],
};

/** Tables in load order (reference data first). */
export const BANK_TABLES = Object.keys(TABLE_COLUMNS) as BankTable[];

/** Rows of every bank table for one chunk of customers. */
export type ChunkRows = { [T in BankTable]: BankRow<T>[] };

export function emptyChunk(): ChunkRows {
  return {
    meta: [], branches: [], staff: [], customers: [], customer_traits: [], accounts: [], transactions: [],
    credit_facilities: [], repayments: [], campaigns: [], campaign_contacts: [], interactions: [],
  };
}
