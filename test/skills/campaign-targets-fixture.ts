import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { Rng } from '../../data/generator/prng';
import type { CustomerScope } from '../../data/scope';
import { CITY_NAMES, PRODUCT_CODES, PRODUCTS, type ProductCode } from '../../data/vocabulary';
import type { CampaignList } from '../../skills/campaign-targets';
import type { CampaignTargetsInput } from '../../skills/campaign-targets/input';
import { ageAt } from '../../skills/i18n';
import { AS_OF, openFixtureBank } from '../support/fixture-bank';

/**
 * The fixture bank plus 400 generated customers with everything a campaign list reads: consent and
 * do-not-contact flags, ages, cities, owners (S0010 / S0011 and two RMs of other branches), asset
 * balances, products held, recent and old contacts, credit bands, churn levels, one segmentation, and
 * a propensity score with reasons for every (customer, product) — including some customers who
 * already hold the product, so every contact rule has something to remove.
 */
export async function openCampaignBank(options: { databaseUrl?: string } = {}): Promise<BankDatabase> {
  const bank = await openFixtureBank(options);
  const db = bank.db;
  const rng = new Rng(7);
  await db.insertInto('staff').values([
    { id: 'S0012', name: 'RM Gao', role: 'relationship_manager', branch_id: 'B01', aad_object_id: null, email: null },
    { id: 'S0013', name: 'RM Ma', role: 'relationship_manager', branch_id: 'B03', aad_object_id: null, email: null },
  ]).execute();
  const owners = [['S0010', 'B01'], ['S0012', 'B01'], ['S0011', 'B02'], ['S0013', 'B03']] as const;
  const customers = [];
  const accounts = [];
  const contacts = [];
  const scores = [];
  const propensity = [];
  const segments = [];
  let accountId = 100;
  for (let i = 0; i < 400; i++) {
    const id = `C${String(1000 + i).padStart(6, '0')}`;
    const [rm, branch] = owners[i % owners.length]!;
    const year = 1950 + rng.int(0, 55);
    const birth = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    customers.push({
      id, name: `客户${i}`, name_pinyin: `Kehu ${i}`, gender: i % 2 ? 'F' : 'M', birth_date: i === 5 ? '1990-11-01' : birth,
      city: i % 3 === 0 ? 'Shanghai' : CITY_NAMES[rng.int(0, CITY_NAMES.length - 1)]!, branch_id: branch, rm_id: rm,
      marketing_consent: rng.chance(0.85) ? 1 : 0, do_not_contact: rng.chance(0.08) ? 1 : 0,
      id_number: `3101011990${String(i).padStart(8, '0')}`, phone: `139${String(10000000 + i * 37).slice(0, 8)}`,
      email: `kehu${i}@example.com`, occupation: 'engineer', annual_income: 100000, joined_date: '2018-01-01', preferred_language: 'zh',
    });
    accounts.push({ id: `A${String(accountId++).padStart(7, '0')}`, customer_id: id, product: 'current_account', opened_date: '2019-01-01', closed_date: null, status: 'active', balance: Math.round(rng.float() * 400_000), credit_limit: null });
    for (const p of PRODUCT_CODES) {
      if (rng.chance(0.12)) {
        accounts.push({ id: `A${String(accountId++).padStart(7, '0')}`, customer_id: id, product: p, opened_date: '2020-01-01', closed_date: null, status: rng.chance(0.8) ? 'active' : 'closed', balance: Math.round(rng.float() * 200_000), credit_limit: null });
      }
      const score = Math.round(rng.float() * 10_000) / 10_000;
      propensity.push({
        customer_id: id, product: p, score, as_of: AS_OF, model_version: 3, run_id: 'test',
        reasons: JSON.stringify([
          { feature: 'salary_inflow', value: 1, contribution: 0.4, text_en: `Regular salary inflow (${p})`, text_zh: `工资稳定入账(${p})` },
          { feature: 'age', value: 40, contribution: -0.1, text_en: 'Age', text_zh: '年龄' },
        ]),
      });
    }
    const r = rng.float();
    if (r < 0.15) contacts.push({ campaign_id: 'K001', customer_id: id, contacted_at: `2026-10-${String(rng.int(3, 28)).padStart(2, '0')}T09:00:00Z`, channel: 'phone', outcome: 'no_response' });
    else if (r < 0.3) contacts.push({ campaign_id: 'K001', customer_id: id, contacted_at: '2026-08-15T09:00:00Z', channel: 'sms', outcome: 'declined' });
    scores.push({
      customer_id: id, as_of: AS_OF, credit_score: 600, credit_band: 'ABCDE'[rng.int(0, 4)]!, pd: 0.02, credit_reasons: '[]',
      churn_probability: 0.3, churn_level: (['high', 'medium', 'low'] as const)[rng.int(0, 2)]!, churn_reasons: '[]',
      credit_model_version: 1, churn_model_version: 1, run_id: 'test',
    });
    segments.push({ customer_id: id, segment_id: i % 4, model_version: 'seg-v1', distance: 1 });
  }
  // Exactly on the 30-day boundary (2026-10-02) still counts as recent; the day before does not.
  contacts.push({ campaign_id: 'K001', customer_id: 'C001001', contacted_at: '2026-10-02T00:00:00Z', channel: 'phone', outcome: 'no_response' });
  contacts.push({ campaign_id: 'K001', customer_id: 'C001002', contacted_at: '2026-10-01T23:59:59Z', channel: 'phone', outcome: 'no_response' });
  await db.insertInto('customers').values(customers).execute();
  for (let i = 0; i < accounts.length; i += 500) await db.insertInto('accounts').values(accounts.slice(i, i + 500)).execute();
  await db.insertInto('campaign_contacts').values(contacts).execute();
  const mdb = bank.db.withTables<{
    customer_scores: (typeof scores)[number];
    product_propensity: (typeof propensity)[number];
    customer_segments: (typeof segments)[number];
    segmentation_models: { model_version: string; trained_at: string; as_of: string; model: string };
    segments: { model_version: string; segment_id: number; name_en: string; name_zh: string; description_en: string; description_zh: string; profile: string };
  }>();
  for (let i = 0; i < scores.length; i += 200) await mdb.insertInto('customer_scores').values(scores.slice(i, i + 200)).execute();
  for (let i = 0; i < propensity.length; i += 300) await mdb.insertInto('product_propensity').values(propensity.slice(i, i + 300)).execute();
  await mdb.insertInto('customer_segments').values(segments).execute();
  await mdb.insertInto('segmentation_models').values({ model_version: 'seg-v1', trained_at: '2026-11-01T00:00:00Z', as_of: AS_OF, model: '{}' }).execute();
  await mdb.insertInto('segments').values(['Affluent savers', 'Young digital', 'Mass market', 'Travellers'].map((name, k) => ({
    model_version: 'seg-v1', segment_id: k, name_en: name, name_zh: ['富裕储蓄客群', '年轻数字客群', '大众客群', '出行客群'][k]!, description_en: '', description_zh: '', profile: '{}',
  }))).execute();
  await sql`select 1`.execute(db);
  return bank;
}

export interface Facts {
  id: string; rm: string; branch: string; city: string; birth: string; consent: number; dnc: number;
  band: string | null; churn: string | null; segment: number | null; assets: number;
  recent: boolean; holds: Set<string>; scores: Map<string, number>;
}

/** Everything the rules read, straight from the tables, so the expected list is computed independently of the repository. */
export async function loadFacts(bank: BankDatabase): Promise<Facts[]> {
  const rows = await sql<{ id: string; rm_id: string; branch_id: string; city: string; birth_date: string; marketing_consent: number; do_not_contact: number; credit_band: string | null; churn_level: string | null; segment_id: number | null }>`
    select c.id, c.rm_id, c.branch_id, c.city, c.birth_date, c.marketing_consent, c.do_not_contact, s.credit_band, s.churn_level, cs.segment_id
    from customers c left join customer_scores s on s.customer_id = c.id left join customer_segments cs on cs.customer_id = c.id`.execute(bank.db);
  const accounts = await bank.db.selectFrom('accounts').selectAll().execute();
  const contacts = await bank.db.selectFrom('campaign_contacts').selectAll().execute();
  const props = await sql<{ customer_id: string; product: string; score: number }>`select customer_id, product, score from product_propensity`.execute(bank.db);
  return rows.rows.map((r) => {
    const own = accounts.filter((a) => a.customer_id === r.id && a.status === 'active');
    return {
      id: r.id, rm: r.rm_id, branch: r.branch_id, city: r.city, birth: r.birth_date, consent: r.marketing_consent, dnc: r.do_not_contact,
      band: r.credit_band, churn: r.churn_level, segment: r.segment_id,
      assets: own.filter((a) => ['current_account', 'savings_account', 'wealth_management', 'term_deposit'].includes(a.product)).reduce((s, a) => s + a.balance, 0),
      recent: contacts.some((c) => c.customer_id === r.id && c.contacted_at >= '2026-10-02'),
      holds: new Set(own.map((a) => a.product)),
      scores: new Map(props.rows.filter((p) => p.customer_id === r.id).map((p) => [p.product, p.score])),
    };
  });
}

export function inScope(f: Facts, scope: CustomerScope): boolean {
  return scope.kind === 'all' || (scope.kind === 'branch' ? f.branch === scope.branchId : f.rm === scope.rmId);
}

export function matchesFilters(f: Facts, input: CampaignTargetsInput & { product: ProductCode }): boolean {
  const age = ageAt(f.birth, AS_OF);
  if (input.ageMin !== undefined && age < input.ageMin) return false;
  if (input.ageMax !== undefined && age > input.ageMax) return false;
  if (input.city !== undefined && f.city !== input.city) return false;
  if (input.minBalance !== undefined && f.assets < input.minBalance) return false;
  if (input.churnRisk !== undefined && f.churn !== input.churnRisk) return false;
  if (input.excludeChurnRisk?.includes(f.churn as never)) return false;
  if (input.creditRiskBand !== undefined && f.band !== input.creditRiskBand) return false;
  if (input.segment !== undefined && f.segment !== input.segment) return false;
  return f.scores.has(input.product);
}

/** The first contact rule that removes the customer, or undefined when none does. */
export function firstRule(f: Facts, product: ProductCode): keyof CampaignList['exclusions'] | undefined {
  if (f.consent !== 1) return 'noConsent';
  if (f.dnc !== 0) return 'doNotContact';
  if (f.recent) return 'recentlyContacted';
  if (f.holds.has(product)) return 'alreadyHolds';
  if (PRODUCTS[product].isCredit && (f.band === 'D' || f.band === 'E')) return 'riskBand';
  return undefined;
}


/** The list and counts the rules give, computed in plain TypeScript from the facts. `segment` must be a number here. */
export function expectedCampaignList(facts: Facts[], scope: CustomerScope, input: CampaignTargetsInput & { product: ProductCode }) {
  const population = facts.filter((f) => inScope(f, scope) && matchesFilters(f, input));
  const listed = population
    .filter((f) => firstRule(f, input.product) === undefined)
    .sort((a, b) => b.scores.get(input.product)! - a.scores.get(input.product)! || (a.id < b.id ? -1 : 1));
  const counts = { noConsent: 0, doNotContact: 0, recentlyContacted: 0, alreadyHolds: 0, riskBand: 0 };
  for (const f of population) {
    const rule = firstRule(f, input.product);
    if (rule) counts[rule] += 1;
  }
  return { ids: listed.map((f) => f.id), eligible: population.length, counts };
}
