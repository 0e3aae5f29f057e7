import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { Rng } from '../../data/generator/prng';
import { CITY_NAMES, PRODUCT_CODES } from '../../data/vocabulary';
import { AS_OF, openFixtureBank } from '../support/fixture-bank';

/**
 * The fixture bank plus 400 generated customers with everything a campaign list reads: consent and
 * do-not-contact flags, ages, cities, owners (S0010 / S0011 and two RMs of other branches), asset
 * balances, products held, recent and old contacts, credit bands, churn levels, one segmentation, and
 * a propensity score with reasons for every (customer, product) — including some customers who
 * already hold the product, so every contact rule has something to remove.
 */
export async function openCampaignBank(): Promise<BankDatabase> {
  const bank = await openFixtureBank();
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
