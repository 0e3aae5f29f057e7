import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CustomerScope } from '../scope';
import type { Database } from '../schema';

/**
 * Campaign target lists: the customers most likely to take up a product, within a member of staff's
 * scope, with the bank's contact rules applied in SQL.
 *
 * Two queries share one definition of the population ("eligible by filters": scored for the product,
 * inside the scope, matching every filter):
 * - `topCandidates` walks the population in score order and stops after `limit` customers who pass
 *   every contact rule; for the whole bank it follows the (product, score) index, for a branch or a
 *   portfolio it starts from the customers' rm_id / branch_id index;
 * - `exclusionCounts` makes one pass over the population and assigns each customer to the FIRST contact
 *   rule that removes them (consent, do-not-contact, recent contact, already holds, risk band), so that
 *   eligible = listed + the sum of the removals.
 * Contact rules always read the live tables (consent, do-not-contact, contact history, accounts), never
 * a summary, so a do-not-contact registered today applies today.
 */
export interface CampaignQuery {
  readonly product: string;
  readonly scope: CustomerScope;
  /** Age bounds as birth-date bounds (ISO dates compared as text): birth_date <= onOrBefore, > after. */
  readonly birthOnOrBefore?: string;
  readonly birthAfter?: string;
  readonly city?: string;
  /** Total assets (customer_balances) at least this much, CNY. */
  readonly minBalance?: number;
  readonly segment?: { readonly modelVersion: string; readonly segmentId: number };
  /** Keep only this churn level. */
  readonly churnLevel?: string;
  readonly excludeChurnLevels?: readonly string[];
  readonly creditBand?: string;
  /** Customers contacted on or after this date (`YYYY-MM-DD`) are left out. */
  readonly contactedSince: string;
  /** Credit bands left out (D and E for credit products, none otherwise). */
  readonly excludedBands: readonly string[];
}

export interface CampaignCandidate {
  customerId: string;
  name: string;
  namePinyin: string;
  phone: string;
  city: string;
  birthDate: string;
  score: number;
  /** JSON array of `{ feature, value, contribution }` written by batch scoring (the list writes the sentences). */
  reasons: string;
  modelVersion: number;
  scoredAsOf: string;
}

/** How many customers each contact rule removed, in the order the rules apply. */
export interface CampaignCounts {
  /** Customers in scope matching every filter, before the contact rules. */
  eligible: number;
  noConsent: number;
  doNotContact: number;
  recentlyContacted: number;
  alreadyHolds: number;
  riskBand: number;
}

export interface SegmentRef {
  modelVersion: string;
  segmentId: number;
  nameEn: string;
  nameZh: string;
}

/** Products whose balance is money the customer holds with the bank; the sum is "total assets". */
export const ASSET_PRODUCTS = ['current_account', 'savings_account', 'wealth_management', 'term_deposit'] as const;

/** meta key holding what customer_balances was computed from (see `balancesSource`). */
const BALANCES_SOURCE_KEY = 'campaign_balances_source';

export class CampaignRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The best `limit` candidates who pass every filter and every contact rule, highest score first.
   * `plan` says how to find them (the caller knows how many qualify, the database does not):
   * - `score-order` walks the product's (product, score) index and stops after `limit` qualifying
   *   customers: fastest when qualifying customers are common among the product's scored customers;
   * - `population` starts from the customers (by the scope's or the city's index where there is one),
   *   keeps those who qualify and sorts them: fastest when filters are selective, always used for a
   *   branch or a portfolio.
   */
  async topCandidates(q: CampaignQuery, limit: number, plan: 'score-order' | 'population' = 'population'): Promise<CampaignCandidate[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
    await this.prepare(q);
    const from =
      plan === 'score-order' && q.scope.kind === 'all'
        ? sql`product_propensity pp cross join customers c`
        : sql`customers c cross join product_propensity pp`;
    const rows = await sql<{
      customer_id: string; name: string; name_pinyin: string; phone: string; city: string; birth_date: string;
      score: number; reasons: string; model_version: number; as_of: string;
    }>`
      select c.id as customer_id, c.name, c.name_pinyin, c.phone, c.city, c.birth_date,
             pp.score, pp.reasons, pp.model_version, pp.as_of
      from ${from}
      ${this.joins(q)}
      where ${this.population(q)}
        and c.marketing_consent = 1
        and c.do_not_contact = 0
        and not ${recentContact(q)}
        and not ${holdsProduct(q)}
        ${q.excludedBands.length > 0 ? sql`and (s.credit_band is null or s.credit_band not in (${sql.join(q.excludedBands)}))` : sql``}
      order by pp.score desc, c.id
      limit ${limit}
    `.execute(this.db);
    return rows.rows.map((r) => ({
      customerId: r.customer_id,
      name: r.name,
      namePinyin: r.name_pinyin,
      phone: r.phone,
      city: r.city,
      birthDate: r.birth_date,
      score: Number(r.score),
      reasons: r.reasons,
      modelVersion: Number(r.model_version),
      scoredAsOf: r.as_of,
    }));
  }

  /** How many customers have a score for the product (an index-only count). */
  async scoredCount(product: string): Promise<number> {
    const row = await sql<{ n: number | string }>`select count(*) as n from product_propensity where product = ${product}`.execute(this.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  /** One pass over the population: its size and how many each contact rule removed (first rule wins). */
  async exclusionCounts(q: CampaignQuery): Promise<CampaignCounts> {
    await this.prepare(q);
    // Without a score filter the band rule is a look-up only for customers that reach it, not a join for all.
    const bandRule =
      q.excludedBands.length === 0
        ? sql``
        : needsScores(q, false)
          ? sql`when s.credit_band in (${sql.join([...q.excludedBands])}) then 5`
          : sql`when exists (select 1 from customer_scores s where s.customer_id = c.id and s.credit_band in (${sql.join([...q.excludedBands])})) then 5`;
    // GROUP BY evaluates the rule once per customer; sums over a derived column would repeat it per sum.
    const rows = await sql<{ rule: number | string; n: number | string }>`
      select rule, count(*) as n
      from (
        select case
                 when c.marketing_consent <> 1 then 1
                 when c.do_not_contact <> 0 then 2
                 when ${recentContact(q)} then 3
                 when ${holdsProduct(q)} then 4
                 ${bandRule}
                 else 0
               end as rule
        from customers c cross join product_propensity pp
        ${this.joins(q, false)}
        where ${this.population(q)}
      ) t
      group by rule
    `.execute(this.db);
    const by = new Map(rows.rows.map((r) => [Number(r.rule), Number(r.n)]));
    const n = (rule: number) => by.get(rule) ?? 0;
    return {
      eligible: [...by.values()].reduce((s, x) => s + x, 0),
      noConsent: n(1),
      doNotContact: n(2),
      recentlyContacted: n(3),
      alreadyHolds: n(4),
      riskBand: n(5),
    };
  }

  /** A segment of the newest segmentation, by number or by its English or Chinese name. */
  async findSegment(ref: number | string): Promise<SegmentRef | undefined> {
    const latest = await sql<{ model_version: string }>`select model_version from segmentation_models order by trained_at desc, model_version desc limit 1`.execute(this.db);
    const modelVersion = latest.rows[0]?.model_version;
    if (!modelVersion) return undefined;
    const key = typeof ref === 'number' ? ref : ref.trim();
    const asNumber = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : undefined;
    const rows = await sql<{ segment_id: number; name_en: string; name_zh: string }>`
      select segment_id, name_en, name_zh from segments
      where model_version = ${modelVersion}
        and (${asNumber !== undefined ? sql`segment_id = ${asNumber}` : sql`lower(name_en) = ${String(key).toLowerCase()} or name_zh = ${String(key)}`})
      limit 1
    `.execute(this.db);
    const s = rows.rows[0];
    return s ? { modelVersion, segmentId: Number(s.segment_id), nameEn: s.name_en, nameZh: s.name_zh } : undefined;
  }

  /** Makes sure the summary a query needs is there and current: total assets for a balance filter. */
  private async prepare(q: CampaignQuery): Promise<void> {
    if (q.minBalance === undefined) return;
    const source = await balancesSource(this.db);
    const stored = await this.db.selectFrom('meta').select('value').where('key', '=', BALANCES_SOURCE_KEY).executeTakeFirst();
    if (stored?.value !== source.version) await refreshCampaignBalances(this.db, source.asOf);
  }

  private joins(q: CampaignQuery, bandRuleNeedsJoin = true): RawBuilder<unknown> {
    return sql.join(
      [
        needsScores(q, bandRuleNeedsJoin) ? sql`left join customer_scores s on s.customer_id = c.id` : sql``,
        q.minBalance !== undefined ? sql`left join customer_balances b on b.customer_id = c.id` : sql``,
        q.segment ? sql`join customer_segments cs on cs.customer_id = c.id` : sql``,
      ],
      sql` `,
    );
  }

  /** Scope, product and filters: the population both queries share. */
  private population(q: CampaignQuery): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`pp.customer_id = c.id`, sql`pp.product = ${q.product}`];
    if (q.scope.kind === 'branch') parts.push(sql`c.branch_id = ${q.scope.branchId}`);
    if (q.scope.kind === 'portfolio') parts.push(sql`c.rm_id = ${q.scope.rmId}`);
    if (q.birthOnOrBefore !== undefined) parts.push(sql`c.birth_date <= ${q.birthOnOrBefore}`);
    if (q.birthAfter !== undefined) parts.push(sql`c.birth_date > ${q.birthAfter}`);
    if (q.city !== undefined) parts.push(sql`c.city = ${q.city}`);
    if (q.minBalance !== undefined) parts.push(sql`coalesce(b.total_assets, 0) >= ${q.minBalance}`);
    if (q.segment) parts.push(sql`cs.model_version = ${q.segment.modelVersion} and cs.segment_id = ${q.segment.segmentId}`);
    if (q.churnLevel !== undefined) parts.push(sql`s.churn_level = ${q.churnLevel}`);
    if (q.excludeChurnLevels && q.excludeChurnLevels.length > 0) {
      parts.push(sql`(s.churn_level is null or s.churn_level not in (${sql.join([...q.excludeChurnLevels])}))`);
    }
    if (q.creditBand !== undefined) parts.push(sql`s.credit_band = ${q.creditBand}`);
    return sql.join(parts, sql` and `);
  }
}

/** Whether the query reads customer_scores: for score filters, and for the band rule when asked. */
function needsScores(q: CampaignQuery, forBandRule: boolean): boolean {
  const filters = q.churnLevel !== undefined || (q.excludeChurnLevels?.length ?? 0) > 0 || q.creditBand !== undefined;
  return filters || (forBandRule && q.excludedBands.length > 0);
}

function recentContact(q: CampaignQuery): RawBuilder<unknown> {
  return sql`exists (select 1 from campaign_contacts cc where cc.customer_id = c.id and cc.contacted_at >= ${q.contactedSince})`;
}

function holdsProduct(q: CampaignQuery): RawBuilder<unknown> {
  return sql`exists (select 1 from accounts a where a.customer_id = c.id and a.product = ${q.product} and a.status = 'active')`;
}

/**
 * What customer_balances is computed from: the data's as-of date, its seed and the newest account id, so
 * a new load, a re-seed with the same date or new accounts all trigger a rebuild. Three indexed reads.
 */
async function balancesSource(db: Kysely<Database>): Promise<{ asOf: string; version: string }> {
  const meta = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['as_of', 'seed']).execute();
  const asOf = meta.find((m) => m.key === 'as_of')?.value ?? 'unknown';
  const seed = meta.find((m) => m.key === 'seed')?.value ?? '';
  const newest = await db.selectFrom('accounts').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return { asOf, version: `${asOf}|${seed}|${newest?.id ?? ''}` };
}

/**
 * Recomputes customer_balances (total assets per customer: active current, savings, wealth management
 * and term deposit balances) and records what it was computed from. The scoring step should call this
 * after each run; campaign queries with a balance filter also call it when the data changed since.
 * Returns the number of customers written.
 */
export async function refreshCampaignBalances(db: Kysely<Database>, asOf?: string): Promise<number> {
  const source = await balancesSource(db);
  const dataAsOf = asOf ?? source.asOf;
  // Upserts, so two bot instances refreshing at once on PostgreSQL cannot trip over each other's rows.
  return db.transaction().execute(async (trx) => {
    await sql`delete from customer_balances`.execute(trx);
    const inserted = await sql`
      insert into customer_balances (customer_id, total_assets, as_of)
      select customer_id, sum(balance), cast(${dataAsOf} as text)
      from accounts
      where status = 'active' and product in (${sql.join([...ASSET_PRODUCTS])})
      group by customer_id
      on conflict (customer_id) do update set total_assets = excluded.total_assets, as_of = excluded.as_of
    `.execute(trx);
    await trx
      .insertInto('meta')
      .values({ key: BALANCES_SOURCE_KEY, value: source.version })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: source.version }))
      .execute();
    return Number(inserted.numAffectedRows ?? 0);
  });
}
