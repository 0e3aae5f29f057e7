import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccountTable, CustomerTable, Database } from '../schema';

export type CustomerRow = Selectable<CustomerTable>;
export type AccountRow = Selectable<AccountTable>;

export interface CustomerMatch {
  id: string;
  name: string;
  name_pinyin: string;
  city: string;
  birth_date: string;
  branch_id: string;
  rm_id: string;
  phone: string;
}

export interface ActivitySummary {
  windowDays: number;
  transactions: number;
  debitTotal: number;
  creditTotal: number;
  crossBorderCount: number;
  crossBorderTotal: number;
  crossBorderCountries: string[];
  /** Share of the window's transactions made on mobile or online (0 when there were none). */
  digitalShare: number;
  lastTransactionAt: string | null;
  topChannel: string | null;
}

export interface LastContact {
  campaignName: string;
  product: string;
  contactedAt: string;
  channel: string;
  outcome: string;
}

export interface OpenComplaint {
  id: string;
  ts: string;
  category: string;
  channel: string;
}

/** Everything the 360 view shows about one customer, unmasked: masking happens in the skill. */
export interface CustomerProfileData {
  customer: CustomerRow;
  rmName: string | null;
  branchName: string | null;
  branchNameZh: string | null;
  accounts: AccountRow[];
  activity: ActivitySummary;
  lastContact: LastContact | null;
  openComplaints: OpenComplaint[];
}

export class CustomerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: string): Promise<CustomerRow | undefined> {
    return this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Customers whose Chinese name or pinyin equals `name` (pinyin compared without case or spaces).
   * Returns at most `limit` matches across the whole bank, ordered by id; the caller applies scope.
   */
  async findByName(name: string, limit = 50): Promise<CustomerMatch[]> {
    const trimmed = name.trim();
    if (trimmed === '') return [];
    const pinyin = trimmed.toLowerCase().replace(/\s+/g, ' ');
    const columns = ['id', 'name', 'name_pinyin', 'city', 'birth_date', 'branch_id', 'rm_id', 'phone'] as const;
    const byName = await this.db
      .selectFrom('customers')
      .select(columns)
      .where((eb) => eb.or([eb('name', '=', trimmed), eb(sql<string>`lower(name_pinyin)`, '=', pinyin)]))
      .orderBy('id')
      .limit(limit)
      .execute();
    if (byName.length > 0 || pinyin.includes(' ') || !/^[a-z]+$/.test(pinyin)) return byName;
    // "wangwei" typed without the space: compare with spaces removed (no index; a rare path).
    return this.db
      .selectFrom('customers')
      .select(columns)
      .where(sql<string>`replace(lower(name_pinyin), ' ', '')`, '=', pinyin)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Data as-of date of the loaded bank (its "today"), from the meta table. */
  async asOf(): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', 'as_of').executeTakeFirst();
    return row?.value;
  }

  async profile(id: string, asOf: string, windowDays = 90): Promise<CustomerProfileData | undefined> {
    const customer = await this.findById(id);
    if (!customer) return undefined;
    const since = isoDaysBefore(asOf, windowDays);
    const [rm, branch, accounts, activity, channels, countries, lastContact, complaints] = await Promise.all([
      this.db.selectFrom('staff').select('name').where('id', '=', customer.rm_id).executeTakeFirst(),
      this.db.selectFrom('branches').select(['name', 'name_zh']).where('id', '=', customer.branch_id).executeTakeFirst(),
      this.db.selectFrom('accounts').selectAll().where('customer_id', '=', id).orderBy('opened_date').orderBy('id').execute(),
      this.db
        .selectFrom('transactions')
        .where('customer_id', '=', id)
        .where('ts', '>=', since)
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          sql<number>`coalesce(sum(case when direction = 'debit' then amount else 0 end), 0)`.as('debit'),
          sql<number>`coalesce(sum(case when direction = 'credit' then amount else 0 end), 0)`.as('credit'),
          sql<number>`coalesce(sum(is_cross_border), 0)`.as('xb_n'),
          sql<number>`coalesce(sum(case when is_cross_border = 1 then amount else 0 end), 0)`.as('xb_amount'),
          sql<number>`coalesce(sum(case when channel in ('mobile', 'online') then 1 else 0 end), 0)`.as('digital_n'),
          eb.fn.max('ts').as('last_ts'),
        ])
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('transactions')
        .where('customer_id', '=', id)
        .where('ts', '>=', since)
        .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('channel')
        .orderBy('n', 'desc')
        .orderBy('channel')
        .limit(1)
        .execute(),
      this.db
        .selectFrom('transactions')
        .where('customer_id', '=', id)
        .where('ts', '>=', since)
        .where('is_cross_border', '=', 1)
        .select('country')
        .distinct()
        .orderBy('country')
        .execute(),
      this.db
        .selectFrom('campaign_contacts as cc')
        .innerJoin('campaigns as k', 'k.id', 'cc.campaign_id')
        .where('cc.customer_id', '=', id)
        .select(['k.name as campaignName', 'k.product', 'cc.contacted_at as contactedAt', 'cc.channel', 'cc.outcome'])
        .orderBy('cc.contacted_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
      this.db
        .selectFrom('interactions')
        .where('customer_id', '=', id)
        .where('type', '=', 'complaint')
        .where('status', '=', 'open')
        .select(['id', 'ts', 'category', 'channel'])
        .orderBy('ts', 'desc')
        .execute(),
    ]);
    return {
      customer,
      rmName: rm?.name ?? null,
      branchName: branch?.name ?? null,
      branchNameZh: branch?.name_zh ?? null,
      accounts,
      activity: {
        windowDays,
        transactions: Number(activity.n),
        debitTotal: Number(activity.debit),
        creditTotal: Number(activity.credit),
        crossBorderCount: Number(activity.xb_n),
        crossBorderTotal: Number(activity.xb_amount),
        crossBorderCountries: countries.map((c) => c.country),
        digitalShare: Number(activity.n) > 0 ? Number(activity.digital_n) / Number(activity.n) : 0,
        lastTransactionAt: activity.last_ts ?? null,
        topChannel: channels[0]?.channel ?? null,
      },
      lastContact: lastContact ?? null,
      openComplaints: complaints,
    };
  }
}

/** `YYYY-MM-DD` minus `days`, as an ISO date that compares correctly with stored timestamps. */
export function isoDaysBefore(asOf: string, days: number): string {
  const t = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
