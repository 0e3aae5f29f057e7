import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { Rng } from '../../data/generator/prng';
import type { CustomerScope } from '../../data/scope';
import { CITY_NAMES, PRODUCT_CODES } from '../../data/vocabulary';
import type { SegmentProfile } from '../../models/segmentation/profile';
import type { SegmentationTables } from '../../models/segmentation/tables';
import type { ModelTables } from '../../models/registry/tables';
import { ageAt } from '../../skills/i18n';
import { AS_OF, openFixtureBank } from '../support/fixture-bank';

export const SEGMENT_NAMES = [
  ['Affluent savers', '高净值储蓄型'],
  ['Young digital spenders', '年轻数字化消费型'],
  ['Senior branch-oriented', '银发网点型'],
] as const;

/** A full stored profile, as the segmentation step writes it. */
export function profile(size: number, share: number, meanAge: number, meanAssets: number): SegmentProfile {
  const means = {
    total_assets: meanAssets, annual_income: 150_000, age: meanAge, products_held: 2.5, digital_share: 0.6, cross_border_share: 0.02,
    transactions_per_month: 12, monthly_spend: 5000, credit_usage: 0.2, tenure_years: 6, days_since_last_transaction: 5, activity_trend: 1,
  };
  return {
    size, share, meanAge, meanAssets, meanIncome: 150_000, meanProducts: 2.5, digitalShare: 0.6, crossBorderShare: 0.02,
    meanTransactionsPerMonth: 12, meanDaysSinceLastTransaction: 5, means,
  };
}

/**
 * The fixture bank plus 300 generated customers owned by S0010 / S0012 (branch B01) and S0011 (B02),
 * with asset and credit accounts (some closed), credit bands and churn levels (some customers unscored,
 * some scored for credit only), and two stored segmentations: an older one, and the newest (k = 3)
 * that assigns nine customers in ten.
 */
export async function openPortfolioBank(options: { databaseUrl?: string } = {}): Promise<BankDatabase> {
  const bank = await openFixtureBank(options);
  const db = bank.db.withTables<ModelTables & SegmentationTables>();
  const rng = new Rng(11);
  await db.insertInto('staff').values({ id: 'S0012', name: 'RM Gao', role: 'relationship_manager', branch_id: 'B01', aad_object_id: null, email: null }).execute();
  const owners = [['S0010', 'B01'], ['S0012', 'B01'], ['S0011', 'B02']] as const;
  const customers = [];
  const accounts = [];
  const scores = [];
  const assignments = [];
  let accountId = 500;
  for (let i = 0; i < 300; i++) {
    const id = `C${String(2000 + i).padStart(6, '0')}`;
    const [rm, branch] = owners[i % owners.length]!;
    // Birthdays on and around the as-of date test the age bounds exactly.
    const birth = i === 0 ? '1996-11-01' : i === 1 ? '1996-11-02' : i === 2 ? '1976-11-01' : `${1945 + rng.int(0, 60)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    customers.push({
      id, name: `客户${i}`, name_pinyin: `Kehu ${i}`, gender: i % 2 ? 'F' : 'M', birth_date: birth,
      city: i % 4 === 0 ? 'Shanghai' : CITY_NAMES[rng.int(0, CITY_NAMES.length - 1)]!, branch_id: branch, rm_id: rm,
      marketing_consent: 1, do_not_contact: 0, id_number: `3101011990${String(i).padStart(8, '0')}`, phone: `139${String(10000000 + i * 37).slice(0, 8)}`,
      email: `kehu${i}@example.com`, occupation: 'engineer', annual_income: 100000, joined_date: '2018-01-01', preferred_language: 'zh',
    });
    accounts.push({ id: `A${String(accountId++).padStart(7, '0')}`, customer_id: id, product: 'current_account', opened_date: '2019-01-01', closed_date: null, status: 'active', balance: Math.round(rng.float() * 300_000 * 100) / 100, credit_limit: null });
    if (rng.chance(0.4)) accounts.push({ id: `A${String(accountId++).padStart(7, '0')}`, customer_id: id, product: 'savings_account', opened_date: '2019-01-01', closed_date: null, status: rng.chance(0.8) ? 'active' : 'closed', balance: Math.round(rng.float() * 500_000), credit_limit: null });
    for (const p of PRODUCT_CODES) {
      if (rng.chance(0.2)) {
        accounts.push({ id: `A${String(accountId++).padStart(7, '0')}`, customer_id: id, product: p, opened_date: '2020-01-01', closed_date: null, status: rng.chance(0.8) ? 'active' : 'closed', balance: Math.round(rng.float() * 900_000), credit_limit: null });
      }
    }
    if (i % 10 !== 3) {
      scores.push({
        customer_id: id, as_of: AS_OF, credit_score: 600, credit_band: 'ABCDE'[rng.int(0, 4)]!, pd: 0.02, credit_reasons: '[]',
        churn_probability: i % 10 === 7 ? null : 0.3, churn_level: i % 10 === 7 ? null : (['high', 'medium', 'low'] as const)[rng.int(0, 2)]!, churn_reasons: '[]',
        credit_model_version: 1, churn_model_version: 1, run_id: 'test',
      });
    }
    if (i % 10 !== 5) assignments.push({ customer_id: id, segment_id: rng.int(0, 2), model_version: 'seg-new', distance: 1 });
  }
  await db.insertInto('customers').values(customers).execute();
  for (let i = 0; i < accounts.length; i += 400) await db.insertInto('accounts').values(accounts.slice(i, i + 400)).execute();
  for (let i = 0; i < scores.length; i += 200) await db.insertInto('customer_scores').values(scores.slice(i, i + 200)).execute();
  await db.insertInto('customer_segments').values(assignments).execute();
  await db.insertInto('segmentation_models').values([
    { model_version: 'seg-old', trained_at: '2026-10-01T00:00:00Z', as_of: '2026-10-01', model: '{}' },
    { model_version: 'seg-new', trained_at: '2026-11-02T00:00:00Z', as_of: AS_OF, model: '{}' },
  ]).execute();
  await db.insertInto('segments').values([
    { model_version: 'seg-old', segment_id: 0, name_en: 'Old segment', name_zh: '旧客群', description_en: 'old', description_zh: '旧', profile: JSON.stringify(profile(10, 1, 40, 1000)) },
    ...SEGMENT_NAMES.map(([en, zh], k) => ({
      model_version: 'seg-new', segment_id: k, name_en: en, name_zh: zh,
      description_en: `${en}: what sets them apart.`, description_zh: `${zh}:客群特征。`,
      profile: JSON.stringify(profile(90 + k, 0.3, [52, 29, 66][k]!, [1_200_000, 180_000, 560_000][k]!)),
    })),
  ]).execute();
  return bank;
}

/** One customer's facts, read straight from the tables so expected figures are computed without the repository. */
export interface CustomerFacts {
  id: string; rm: string; branch: string; city: string; birth: string;
  band: string | null; churn: string | null; segment: number | null; assets: number; holds: Set<string>;
}

export async function loadCustomerFacts(bank: BankDatabase): Promise<CustomerFacts[]> {
  const rows = await sql<{ id: string; rm_id: string; branch_id: string; city: string; birth_date: string; credit_band: string | null; churn_level: string | null; segment_id: number | null }>`
    select c.id, c.rm_id, c.branch_id, c.city, c.birth_date, s.credit_band, s.churn_level, g.segment_id
    from customers c left join customer_scores s on s.customer_id = c.id left join customer_segments g on g.customer_id = c.id`.execute(bank.db);
  const accounts = await bank.db.selectFrom('accounts').selectAll().where('status', '=', 'active').execute();
  return rows.rows.map((r) => {
    const own = accounts.filter((a) => a.customer_id === r.id);
    return {
      id: r.id, rm: r.rm_id, branch: r.branch_id, city: r.city, birth: r.birth_date, band: r.credit_band, churn: r.churn_level, segment: r.segment_id,
      assets: own.filter((a) => ['current_account', 'savings_account', 'wealth_management', 'term_deposit'].includes(a.product)).reduce((s, a) => s + a.balance, 0),
      holds: new Set(own.map((a) => a.product)),
    };
  });
}

export interface ExpectedFilters {
  city?: string; ageMin?: number; ageMax?: number; segment?: number; churnRisk?: string; creditRiskBand?: string; minBalance?: number; product?: string;
}

/** The figures computed in plain TypeScript from the facts. */
export function expectedFigures(facts: CustomerFacts[], scope: CustomerScope, f: ExpectedFilters) {
  const covered = facts.filter((c) => {
    if (scope.kind === 'branch' && c.branch !== scope.branchId) return false;
    if (scope.kind === 'portfolio' && c.rm !== scope.rmId) return false;
    const age = ageAt(c.birth, AS_OF);
    if (f.ageMin !== undefined && age < f.ageMin) return false;
    if (f.ageMax !== undefined && age > f.ageMax) return false;
    if (f.city !== undefined && c.city !== f.city) return false;
    if (f.segment !== undefined && c.segment !== f.segment) return false;
    if (f.churnRisk !== undefined && c.churn !== f.churnRisk) return false;
    if (f.creditRiskBand !== undefined && c.band !== f.creditRiskBand) return false;
    if (f.minBalance !== undefined && c.assets < f.minBalance) return false;
    return true;
  });
  const countBy = (key: (c: CustomerFacts) => string | null, values: readonly string[]) =>
    Object.fromEntries([...values.map((v) => [v, covered.filter((c) => key(c) === v).length]), ['unscored', covered.filter((c) => key(c) === null).length]]);
  return {
    ids: covered.map((c) => c.id),
    customers: covered.length,
    totalAssets: covered.reduce((s, c) => s + c.assets, 0),
    productHolders: f.product ? covered.filter((c) => c.holds.has(f.product!)).length : null,
    churnLevels: countBy((c) => c.churn, ['high', 'medium', 'low']),
    riskBands: countBy((c) => c.band, ['A', 'B', 'C', 'D', 'E']),
    segments: [0, 1, 2].map((k) => covered.filter((c) => c.segment === k).length),
    unsegmented: covered.filter((c) => c.segment === null).length,
  };
}
