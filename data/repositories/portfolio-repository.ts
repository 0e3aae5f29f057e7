import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { ModelTables } from '../../models/registry/tables';
import type { SegmentationTables } from '../../models/segmentation/tables';
import type { Database } from '../schema';
import type { CustomerScope } from '../scope';
import { ASSET_PRODUCTS, refreshCampaignBalances } from './campaign-repository';
import { CHURN_LEVELS, RISK_BANDS, type ChurnLevel, type ProductCode, type RiskBand } from '../vocabulary';

/** Which customers a statistic covers, on top of the caller's scope. Every key is optional. */
export interface PortfolioFilters {
  readonly city?: string;
  /** Whole years at the data's as-of date, inclusive. */
  readonly ageMin?: number;
  readonly ageMax?: number;
  /** Stored segment id of the current segmentation. */
  readonly segmentId?: number;
  readonly churnRisk?: ChurnLevel;
  readonly creditRiskBand?: RiskBand;
  /** Total assets (CNY) at least this much. */
  readonly minBalance?: number;
}

export interface PortfolioQuery {
  /** The caller's scope; always applied. */
  readonly scope: CustomerScope;
  readonly filters: PortfolioFilters;
  /** `YYYY-MM-DD`, the data's "today", for ages. */
  readonly asOf: string;
  /** When given, also count the customers holding an active account of this product. */
  readonly product?: ProductCode;
  /** The current segmentation, for the segment distribution and the segment filter; omit when none is trained. */
  readonly segmentation?: { readonly modelVersion: string; readonly segmentIds: readonly number[] };
}

/** Counts and sums over the customers a query covers; computed in one pass. */
export interface PortfolioFigures {
  customers: number;
  /** Sum of active asset-product balances (CNY). */
  totalAssets: number;
  productHolders: number | null;
  churnLevels: Record<ChurnLevel | 'unscored', number>;
  riskBands: Record<RiskBand | 'unscored', number>;
  /** Customers per segment id of the current segmentation, plus those without a segment; null without one. */
  segments: { bySegment: Array<{ segmentId: number; customers: number }>; unsegmented: number } | null;
}

/** The per-customer total-assets summary of migration 0004 (kept by the campaign repository). */
type BalanceTables = { customer_balances: { customer_id: string; total_assets: number; as_of: string } };
type StatsDatabase = Database & ModelTables & SegmentationTables & BalanceTables;

/**
 * Governed portfolio statistics: a fixed set of measures over the customers in the caller's scope, with
 * the filters campaign lists use. Every value reaches SQL as a bound parameter.
 *
 * Total assets come from `customer_balances` (one row per customer, the same definition campaign lists
 * filter on), rebuilt when it was computed for another data as-of date: summing every account per
 * customer costs several seconds for the whole bank at a million customers, the summary about one.
 */
export class PortfolioRepository {
  private readonly db: Kysely<StatsDatabase>;
  private balancesAsOf: string | undefined;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ModelTables & SegmentationTables & BalanceTables>();
  }

  /** Rebuilds the total-assets summary when it is missing or was computed for another as-of date. */
  private async ensureBalances(asOf: string): Promise<void> {
    if (this.balancesAsOf === asOf) return;
    const stored = await this.db.selectFrom('customer_balances').select('as_of').limit(1).executeTakeFirst();
    const stale = stored
      ? stored.as_of !== asOf // a refresh writes every row with the same date
      : (await this.db
          .selectFrom('accounts')
          .select('id')
          .where('status', '=', 'active')
          .where('product', 'in', [...ASSET_PRODUCTS])
          .limit(1)
          .executeTakeFirst()) !== undefined;
    if (stale) await refreshCampaignBalances(this.db, asOf);
    this.balancesAsOf = asOf;
  }

  async figures(query: PortfolioQuery): Promise<PortfolioFigures> {
    checkQuery(query);
    const { scope, filters, asOf, product, segmentation } = query;

    await this.ensureBalances(asOf);
    if (scope.kind === 'all' && product === undefined && Object.values(filters).every((v) => v === undefined)) {
      return this.wholeBank(segmentation);
    }

    // One row per covered customer; every join is on the customer id (primary keys), so the cost
    // follows the size of the scope, which the customers' rm_id / branch_id indexes select.
    let rows = this.db
      .selectFrom('customers as c')
      .leftJoin('customer_scores as s', 's.customer_id', 'c.id')
      .leftJoin('customer_balances as b', 'b.customer_id', 'c.id')
      .select(['c.id', 's.churn_level', 's.credit_band', sql<number>`coalesce(b.total_assets, 0)`.as('assets')]);
    if (product) {
      rows = rows.select((eb) =>
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('accounts as h')
                .whereRef('h.customer_id', '=', 'c.id')
                .where('h.product', '=', product)
                .where('h.status', '=', 'active')
                .select(sql`1`.as('one')),
            ),
          )
          .then(1)
          .else(0)
          .end()
          .as('holds'),
      );
    }
    if (segmentation) {
      rows = rows
        .leftJoin('customer_segments as g', (j) => j.onRef('g.customer_id', '=', 'c.id').on('g.model_version', '=', segmentation.modelVersion))
        .select('g.segment_id');
    }

    switch (scope.kind) {
      case 'all':
        break;
      case 'branch':
        rows = rows.where('c.branch_id', '=', scope.branchId);
        break;
      case 'portfolio':
        rows = rows.where('c.rm_id', '=', scope.rmId);
        break;
    }
    if (filters.city !== undefined) rows = rows.where('c.city', '=', filters.city);
    // Age a at asOf ⇔ born on or before asOf minus a years; text comparison of ISO dates.
    if (filters.ageMin !== undefined) rows = rows.where('c.birth_date', '<=', shiftYears(asOf, -filters.ageMin));
    if (filters.ageMax !== undefined) rows = rows.where('c.birth_date', '>', shiftYears(asOf, -(filters.ageMax + 1)));
    if (filters.churnRisk !== undefined) rows = rows.where('s.churn_level', '=', filters.churnRisk);
    if (filters.creditRiskBand !== undefined) rows = rows.where('s.credit_band', '=', filters.creditRiskBand);
    if (filters.segmentId !== undefined) {
      if (!segmentation) throw new Error('a segment filter needs the current segmentation');
      rows = rows.where(sql.ref<number>('g.segment_id'), '=', filters.segmentId);
    }

    const count = (condition: Expression<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
    let totals = this.db
      .selectFrom(rows.as('t'))
      .select([
        sql<number>`count(*)`.as('customers'),
        sql<number>`coalesce(sum(t.assets), 0)`.as('total_assets'),
        ...CHURN_LEVELS.map((level, i) => count(sql<SqlBool>`t.churn_level = ${level}`).as(`churn_${i}`)),
        count(sql<SqlBool>`t.churn_level is null`).as('churn_unscored'),
        ...RISK_BANDS.map((band, i) => count(sql<SqlBool>`t.credit_band = ${band}`).as(`band_${i}`)),
        count(sql<SqlBool>`t.credit_band is null`).as('band_unscored'),
      ]);
    if (product) totals = totals.select(sql<number>`coalesce(sum(t.holds), 0)`.as('holders'));
    if (segmentation) {
      totals = totals.select([
        ...segmentation.segmentIds.map((id, i) => count(sql<SqlBool>`t.segment_id = ${id}`).as(`segment_${i}`)),
        count(sql<SqlBool>`t.segment_id is null`).as('segment_none'),
      ]);
    }
    if (filters.minBalance !== undefined) totals = totals.where(sql.ref('t.assets'), '>=', filters.minBalance);

    const row = (await totals.executeTakeFirstOrThrow()) as Record<string, unknown>;
    const n = (key: string) => Number(row[key] ?? 0);
    return {
      customers: n('customers'),
      totalAssets: n('total_assets'),
      productHolders: product ? n('holders') : null,
      churnLevels: {
        high: n('churn_0'),
        medium: n('churn_1'),
        low: n('churn_2'),
        unscored: n('churn_unscored'),
      },
      riskBands: { A: n('band_0'), B: n('band_1'), C: n('band_2'), D: n('band_3'), E: n('band_4'), unscored: n('band_unscored') },
      segments: segmentation
        ? {
            bySegment: segmentation.segmentIds.map((segmentId, i) => ({ segmentId, customers: n(`segment_${i}`) })),
            unsegmented: n('segment_none'),
          }
        : null,
    };
  }

  /**
   * The unfiltered whole bank: each figure from its own table with a covering index (score, segment and
   * balance rows exist only for customers, so "unscored" is the remainder), about a tenth of the cost of
   * joining a million customers row by row. The tests hold both paths to the same independent figures.
   */
  private async wholeBank(segmentation: PortfolioQuery['segmentation']): Promise<PortfolioFigures> {
    const [customers, assets, churn, bands, segments] = await Promise.all([
      this.db.selectFrom('customers').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      this.db.selectFrom('customer_balances').select(sql<number>`coalesce(sum(total_assets), 0)`.as('v')).executeTakeFirstOrThrow(),
      this.db.selectFrom('customer_scores').select(['churn_level as k', sql<number>`count(*)`.as('n')]).where('churn_level', 'is not', null).groupBy('churn_level').execute(),
      this.db.selectFrom('customer_scores').select(['credit_band as k', sql<number>`count(*)`.as('n')]).where('credit_band', 'is not', null).groupBy('credit_band').execute(),
      segmentation
        ? this.db
            .selectFrom('customer_segments')
            .select(['segment_id as k', sql<number>`count(*)`.as('n')])
            .where('model_version', '=', segmentation.modelVersion)
            .groupBy('segment_id')
            .execute()
        : Promise.resolve([]),
    ]);
    const total = Number(customers.n);
    const tally = <K extends string>(keys: readonly K[], rows: Array<{ k: string | null; n: number }>): Record<K | 'unscored', number> => {
      const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K | 'unscored', number>;
      let scored = 0;
      for (const r of rows) {
        if ((keys as readonly string[]).includes(r.k as string)) {
          out[r.k as K] = Number(r.n);
          scored += Number(r.n);
        }
      }
      out.unscored = total - scored;
      return out;
    };
    const bySegment = new Map(segments.map((r) => [Number(r.k), Number(r.n)]));
    const segmented = segmentation ? segmentation.segmentIds.reduce((a, id) => a + (bySegment.get(id) ?? 0), 0) : 0;
    return {
      customers: total,
      totalAssets: Number(assets.v),
      productHolders: null,
      churnLevels: tally(CHURN_LEVELS, churn),
      riskBands: tally(RISK_BANDS, bands),
      segments: segmentation
        ? { bySegment: segmentation.segmentIds.map((segmentId) => ({ segmentId, customers: bySegment.get(segmentId) ?? 0 })), unsegmented: total - segmented }
        : null,
    };
  }
}

function checkQuery(q: PortfolioQuery): void {
  if (!/^\d{4}-\d{2}-\d{2}/.test(q.asOf)) throw new Error(`asOf must be an ISO date (YYYY-MM-DD), got "${q.asOf}"`);
  const { ageMin, ageMax, minBalance } = q.filters;
  for (const [key, v] of [['ageMin', ageMin], ['ageMax', ageMax]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 150)) throw new Error(`${key} must be a whole number of years 0..150, got ${v}`);
  }
  if (minBalance !== undefined && !(Number.isFinite(minBalance) && minBalance >= 0)) throw new Error(`minBalance must be a non-negative amount, got ${minBalance}`);
  if (q.segmentation && q.segmentation.segmentIds.some((id) => !Number.isInteger(id))) throw new Error('segment ids must be integers');
}

/** `YYYY-MM-DD` moved by whole years, keeping month and day (so the bound compares correctly as text). */
export function shiftYears(isoDate: string, years: number): string {
  const y = Number(isoDate.slice(0, 4)) + years;
  return `${String(y).padStart(4, '0')}${isoDate.slice(4, 10)}`;
}
