/** A row of the flags table of migration 0003. */
export interface FlagRow {
  transaction_id: number;
  customer_id: string;
  ts: string;
  amount: number;
  score: number;
  /** JSON array of `Reason` */
  reasons: string;
  model_version: string;
}

/**
 * The flags table, and the staging copy a detection run writes into (flag-run.ts), for typed queries
 * via `db.withTables<AnomalyTables>()`.
 */
export type AnomalyTables = {
  transaction_flags: FlagRow;
  transaction_flags_next: FlagRow;
};
