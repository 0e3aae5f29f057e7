import type { Kysely } from 'kysely';
import type { AnomalyTables } from '../../models/anomaly/tables';
import type { Database } from '../schema';
import type { CustomerScope } from '../scope';

/** One transaction the anomaly detector flagged, joined with what a reviewer needs to see. */
export interface FlaggedTransaction {
  transactionId: number;
  customerId: string;
  customerName: string;
  ts: string;
  amount: number;
  direction: string;
  channel: string;
  category: string;
  merchant: string;
  country: string;
  isCrossBorder: boolean;
  score: number;
  reasons: Array<{ code: string; en: string; zh: string }>;
  modelVersion: string;
}

/** Reads `transaction_flags` (written by the anomaly detection step) within a staff member's scope. */
export class FlagRepository {
  private readonly db: Kysely<Database & AnomalyTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<AnomalyTables>();
  }

  /** Flags of one customer since `sinceTs`, highest score first. */
  async forCustomer(customerId: string, sinceTs: string, limit = 50): Promise<FlaggedTransaction[]> {
    return this.query(sinceTs, limit, { customerId });
  }

  /** Flags over everyone the scope covers since `sinceTs`, highest score first, and how many there are. */
  async forScope(scope: CustomerScope, sinceTs: string, limit = 20): Promise<{ total: number; customers: number; rows: FlaggedTransaction[] }> {
    let count = this.db
      .selectFrom('transaction_flags as f')
      .innerJoin('customers as c', 'c.id', 'f.customer_id')
      .where('f.ts', '>=', sinceTs)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('f.customer_id').distinct().as('customers')]);
    if (scope.kind === 'branch') count = count.where('c.branch_id', '=', scope.branchId);
    if (scope.kind === 'portfolio') count = count.where('c.rm_id', '=', scope.rmId);
    const totals = await count.executeTakeFirstOrThrow();
    const rows = await this.query(sinceTs, limit, { scope });
    return { total: Number(totals.n), customers: Number(totals.customers), rows };
  }

  /** Whether the detector has run at all (so "nothing flagged" can be told apart from "never checked"). */
  async hasRun(): Promise<boolean> {
    const row = await this.db.selectFrom('transaction_flags').select('transaction_id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  private async query(sinceTs: string, limit: number, filter: { customerId?: string; scope?: CustomerScope }): Promise<FlaggedTransaction[]> {
    let q = this.base().where('f.ts', '>=', sinceTs);
    if (filter.customerId) q = q.where('f.customer_id', '=', filter.customerId);
    if (filter.scope?.kind === 'branch') q = q.where('c.branch_id', '=', filter.scope.branchId);
    if (filter.scope?.kind === 'portfolio') q = q.where('c.rm_id', '=', filter.scope.rmId);
    const rows = await q.orderBy('f.score', 'desc').orderBy('f.ts', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      transactionId: Number(r.transaction_id),
      customerId: r.customer_id,
      customerName: r.customer_name,
      ts: r.ts,
      amount: Number(r.amount),
      direction: r.direction,
      channel: r.channel,
      category: r.category,
      merchant: r.merchant,
      country: r.country,
      isCrossBorder: Number(r.is_cross_border) === 1,
      score: Number(r.score),
      reasons: parseReasons(r.reasons),
      modelVersion: r.model_version,
    }));
  }

  private base() {
    return this.db
      .selectFrom('transaction_flags as f')
      .innerJoin('transactions as t', 't.id', 'f.transaction_id')
      .innerJoin('customers as c', 'c.id', 'f.customer_id')
      .select([
        'f.transaction_id',
        'f.customer_id',
        'c.name as customer_name',
        'f.ts',
        'f.amount',
        't.direction',
        't.channel',
        't.category',
        't.merchant',
        't.country',
        't.is_cross_border',
        'f.score',
        'f.reasons',
        'f.model_version',
      ]);
  }
}

function parseReasons(json: string): FlaggedTransaction['reasons'] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((r): r is { code: string; en: string; zh: string } => typeof r === 'object' && r !== null && 'en' in r && 'zh' in r)
    .map((r) => ({ code: String(r.code), en: String(r.en), zh: String(r.zh) }));
}
