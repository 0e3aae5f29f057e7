/** A transaction as the detector reads it (the columns of `transactions` it needs). */
export interface TransactionRow {
  id: number;
  customer_id: string;
  ts: string;
  amount: number;
  direction: string;
  channel: string;
  category: string;
  merchant: string;
  country: string;
  is_cross_border: number;
  injected_anomaly: number;
}

/** Facts about the whole customer base the detector compares one customer's transaction with. */
export interface Population {
  customers: number;
  /** Share of customers (0..1) who have ever transacted in each country. */
  countryShare: Record<string, number>;
  /** Share of customers (0..1) who have ever paid each merchant. */
  merchantShare: Record<string, number>;
  /** Robust location and spread of ln(amount) per category, from the calibration sample. */
  categoryLogAmount: Record<string, { median: number; mad: number }>;
}

/** What the customer's own history (before the transaction) says about a transaction; the basis of reasons. */
export interface TransactionContext {
  /** amount ÷ the customer's usual amount in this direction; NaN without enough history. */
  ratio: number;
  /** The customer's usual amount (median) in this direction; NaN without enough history. */
  usualAmount: number;
  priorCount: number;
  countryNew: boolean;
  countryShare: number;
  merchantNew: boolean;
  merchantShare: number;
  categoryNew: boolean;
  hour: number;
  /** Hour 0–5 and the customer (with enough history) has rarely or never transacted then. */
  unusualHour: boolean;
  /** Transactions by this customer in the hour before this one. */
  lastHourCount: number;
}
