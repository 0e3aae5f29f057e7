/** The flags table of migration 0003, for typed queries via `db.withTables<AnomalyTables>()`. */
export type AnomalyTables = {
  transaction_flags: {
    transaction_id: number;
    customer_id: string;
    ts: string;
    amount: number;
    score: number;
    /** JSON array of `Reason` */
    reasons: string;
    model_version: string;
  };
};
