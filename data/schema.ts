import type { ColumnType, Generated } from 'kysely';

/**
 * The bank's tables, identical on SQLite and PostgreSQL.
 *
 * Conventions that keep one schema valid on both engines:
 * - dates are ISO-8601 text (`YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SSZ`), which sort correctly as text;
 * - flags are integers 0/1;
 * - money is CNY in double precision;
 * - every primary key except the audit log's is assigned by the application, so the synthetic bank is
 *   identical on both engines for a given seed.
 */
export interface Database {
  meta: MetaTable;
  branches: BranchTable;
  staff: StaffTable;
  customers: CustomerTable;
  customer_traits: CustomerTraitTable;
  accounts: AccountTable;
  transactions: TransactionTable;
  credit_facilities: CreditFacilityTable;
  repayments: RepaymentTable;
  campaigns: CampaignTable;
  campaign_contacts: CampaignContactTable;
  interactions: InteractionTable;
  audit_log: AuditLogTable;
}

/** Key/value facts about the loaded data set, e.g. `as_of` (the data's "today") and `seed`. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface BranchTable {
  id: string; // B01
  name: string;
  name_zh: string;
  city: string;
}

export interface StaffTable {
  id: string; // S0001
  name: string;
  role: string; // Role
  branch_id: string | null;
  aad_object_id: string | null;
  email: string | null;
}

export interface CustomerTable {
  id: string; // C000123
  name: string; // Chinese characters
  name_pinyin: string; // "Wang Wei"
  gender: string; // F | M
  birth_date: string;
  city: string; // canonical English city name
  branch_id: string;
  rm_id: string; // owning relationship manager's staff id
  marketing_consent: number; // 0/1
  do_not_contact: number; // 0/1
  id_number: string;
  phone: string;
  email: string;
  occupation: string;
  annual_income: number;
  joined_date: string;
  preferred_language: string; // zh | en
}

/**
 * Latent traits that drove the synthetic data (0..1). Kept for validation of the generator and the
 * models; no skill reads them.
 */
export interface CustomerTraitTable {
  customer_id: string;
  affluence: number;
  financial_stress: number;
  disengagement: number;
  digital_affinity: number;
  travel: number;
}

/** Products held: the seven campaign products plus everyday `current_account` and `savings_account`. */
export interface AccountTable {
  id: string; // A0000001
  customer_id: string;
  product: string;
  opened_date: string;
  closed_date: string | null;
  status: string; // active | closed
  balance: number; // deposits/investments: amount held; credit products: amount owed
  credit_limit: number | null;
}

export interface TransactionTable {
  id: number;
  customer_id: string;
  account_id: string;
  ts: string; // UTC timestamp
  amount: number; // always positive
  direction: string; // debit | credit
  channel: string; // mobile | online | branch | atm | pos
  category: string; // merchant category or transfer type
  merchant: string;
  country: string; // ISO 3166-1 alpha-2
  is_cross_border: number; // 0/1
  /** Ground truth for measuring the anomaly detector: 1 for transactions the generator injected as unusual. */
  injected_anomaly: number;
}

export interface CreditFacilityTable {
  id: string; // F0000001
  customer_id: string;
  account_id: string;
  product: string;
  principal: number;
  opened_date: string;
  term_months: number;
  interest_rate: number;
  status: string; // current | delinquent | default | closed
  default_date: string | null;
}

/** Monthly repayment history of a credit facility. */
export interface RepaymentTable {
  facility_id: string;
  customer_id: string;
  month: string; // YYYY-MM
  amount_due: number;
  amount_paid: number;
  days_past_due: number;
}

export interface CampaignTable {
  id: string; // K001
  name: string;
  product: string;
  start_date: string;
  end_date: string;
  channel: string;
}

export interface CampaignContactTable {
  campaign_id: string;
  customer_id: string;
  contacted_at: string;
  channel: string;
  outcome: string; // accepted | declined | no_response
}

/** Service interactions: complaints, enquiries, service requests. `note` is customer free text. */
export interface InteractionTable {
  id: string; // I0000001
  customer_id: string;
  ts: string;
  type: string; // complaint | enquiry | service
  channel: string;
  category: string;
  status: string; // open | resolved
  note: string;
}

/** Append-only: the database refuses UPDATE and DELETE on this table. */
export interface AuditLogTable {
  id: Generated<number>;
  ts: string;
  incident_id: string | null;
  staff_id: string;
  role: string;
  channel: string;
  conversation_id: string;
  intent: string;
  recognizer: string;
  entities: string; // JSON
  customer_ids: string; // JSON array
  outcome: string;
  latency_ms: number;
  detail: ColumnType<string | null, string | null | undefined, never>;
}
