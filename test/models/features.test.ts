import { openDatabase, type BankDatabase } from '../../data/database';
import { FEATURE_NAMES, MODEL_FEATURES, featureIndex } from '../../models/features/catalogue';
import { describeFeature } from '../../models/features/describe';
import { addMonths, monthsBetween, yearsBetween } from '../../models/features/dates';
import { featuresForCustomer, streamFeatures } from '../../models/features/stream';
import { computeLabels } from '../../models/training/labels';

/**
 * A tiny hand-made bank: three customers with a few facts before and after the snapshot
 * 2026-05-01, so every feature and label can be checked by hand.
 */
const D = '2026-05-01';
const W = '2026-11-01';

async function tinyBank(): Promise<BankDatabase> {
  const bank = await openDatabase({ sqlitePath: ':memory:' });
  const db = bank.db;
  await db.insertInto('meta').values([{ key: 'as_of', value: W }]).execute();
  const customer = (id: string, joined: string) => ({
    id, name: '测试', name_pinyin: 'Ce Shi', gender: 'F', birth_date: '1990-06-15', city: 'Beijing', branch_id: 'B01',
    rm_id: 'S0010', marketing_consent: 1, do_not_contact: 0, id_number: 'x', phone: 'x', email: 'x', occupation: 'teacher',
    annual_income: 120_000, joined_date: joined, preferred_language: 'zh',
  });
  await db.insertInto('customers').values([customer('C000001', '2020-01-10'), customer('C000002', '2021-03-01'), customer('C000003', '2026-06-01')]).execute();
  const account = (id: string, cid: string, product: string, opened: string, closed: string | null) => ({
    id, customer_id: cid, product, opened_date: opened, closed_date: closed, status: closed ? 'closed' : 'active', balance: 1000, credit_limit: product === 'credit_card' ? 20_000 : null,
  });
  await db.insertInto('accounts').values([
    account('A1', 'C000001', 'current_account', '2020-01-10', null),
    account('A2', 'C000001', 'credit_card', '2024-01-01', null),
    account('A3', 'C000001', 'wealth_management', '2026-07-01', null), // opened in the window
    account('A4', 'C000002', 'current_account', '2021-03-01', '2026-08-15'), // churned in the window
    account('A5', 'C000002', 'personal_loan', '2025-01-01', null),
    account('A6', 'C000003', 'current_account', '2026-06-01', null), // joined after the snapshot
  ]).execute();
  await db.insertInto('credit_facilities').values([
    { id: 'F1', customer_id: 'C000001', account_id: 'A2', product: 'credit_card', principal: 20_000, opened_date: '2024-01-01', term_months: 12, interest_rate: 0.18, status: 'current', default_date: null },
    { id: 'F2', customer_id: 'C000002', account_id: 'A5', product: 'personal_loan', principal: 50_000, opened_date: '2025-01-01', term_months: 36, interest_rate: 0.08, status: 'default', default_date: '2026-07-28' },
  ]).execute();
  const rep = (facility: string, cid: string, month: string, dpd: number) => ({ facility_id: facility, customer_id: cid, month, amount_due: 1000, amount_paid: dpd ? 0 : 1000, days_past_due: dpd });
  await db.insertInto('repayments').values([
    rep('F1', 'C000001', '2025-08', 30), rep('F1', 'C000001', '2025-09', 60), rep('F1', 'C000001', '2025-10', 0), rep('F1', 'C000001', '2026-04', 0),
    rep('F1', 'C000001', '2026-06', 90), // after the snapshot: must not count
    rep('F2', 'C000002', '2026-05', 30), rep('F2', 'C000002', '2026-06', 60), rep('F2', 'C000002', '2026-07', 90),
  ]).execute();
  let id = 0;
  const txn = (cid: string, ts: string, amount: number, direction: string, channel = 'mobile', country = 'CN', category = 'shopping') => ({
    id: ++id, customer_id: cid, account_id: 'A1', ts, amount, direction, channel, category, merchant: 'm', country, is_cross_border: country === 'CN' ? 0 : 1, injected_anomaly: 0,
  });
  await db.insertInto('transactions').values([
    txn('C000001', '2026-04-20T10:00:00Z', 100, 'debit'),
    txn('C000001', '2026-04-25T10:00:00Z', 5000, 'credit', 'online', 'CN', 'salary'),
    txn('C000001', '2026-03-01T10:00:00Z', 200, 'debit', 'pos', 'JP'),
    txn('C000001', '2026-01-15T10:00:00Z', 300, 'debit', 'branch'),
    txn('C000001', '2026-01-16T10:00:00Z', 300, 'debit', 'branch'),
  ]).execute();
  await db.insertInto('interactions').values([
    { id: 'I1', customer_id: 'C000001', ts: '2026-04-02T09:00:00Z', type: 'complaint', channel: 'phone', category: 'fees', status: 'open', note: 'x' },
    { id: 'I2', customer_id: 'C000001', ts: '2026-06-02T09:00:00Z', type: 'complaint', channel: 'phone', category: 'fees', status: 'open', note: 'x' },
  ]).execute();
  await db.insertInto('campaigns').values([{ id: 'K1', name: 'k', product: 'fx_remittance', start_date: '2026-05-05', end_date: '2026-06-04', channel: 'sms' }]).execute();
  await db.insertInto('campaign_contacts').values([{ campaign_id: 'K1', customer_id: 'C000001', contacted_at: '2026-05-10T10:00:00Z', channel: 'sms', outcome: 'accepted' }]).execute();
  return bank;
}

const valueOf = (values: Float64Array, name: string) => values[featureIndex(name)];

describe('feature catalogue', () => {
  it('describes every feature in English and Chinese and keeps current-state features out of training', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    expect(MODEL_FEATURES).not.toContain('total_assets');
    expect(MODEL_FEATURES).not.toContain('open_complaints');
    expect(MODEL_FEATURES).toContain('count_dpd30_12m');
    expect(describeFeature('count_dpd30_12m', 2, 'en')).toBe('2 payments more than 30 days late in the last 12 months');
    expect(describeFeature('count_dpd30_12m', 2, 'zh')).toBe('近12个月有2次逾期超过30天');
    expect(describeFeature('digital_share', 0.734, 'en')).toBe('73% of transactions on mobile or online');
    expect(describeFeature('days_since_last_txn', Number.NaN, 'en')).toBe('No transactions on record');
    expect(describeFeature('days_since_last_txn', 12, 'zh')).toBe('距上次交易12天');
  });

  it('does calendar arithmetic on ISO dates', () => {
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(monthsBetween('2020-01-10', '2026-05-01')).toBe(75);
    expect(yearsBetween('1990-06-15', '2026-05-01')).toBe(35);
    expect(yearsBetween('2000-02-29', '2026-02-28')).toBe(25);
    expect(yearsBetween('2000-02-29', '2026-03-01')).toBe(26);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(0);
    expect(monthsBetween('2026-01-31', '2026-03-01')).toBe(1);
    expect(monthsBetween('2026-05-01T09:30:00Z', '2026-06-01')).toBe(1);
  });

  it('counts months the way the calendar does, for every pair of days across two years', () => {
    // Reference: the same rule on Date objects.
    const reference = (from: string, to: string) => {
      const a = new Date(`${from}T00:00:00Z`);
      const b = new Date(`${to}T00:00:00Z`);
      let m = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
      if (b.getUTCDate() < a.getUTCDate()) m--;
      return m;
    };
    const days: string[] = [];
    for (let t = Date.UTC(2023, 11, 1); t <= Date.UTC(2025, 2, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    let checked = 0;
    for (let i = 0; i < days.length; i += 7) {
      for (let j = 0; j < days.length; j += 3) {
        expect(monthsBetween(days[i], days[j])).toBe(reference(days[i], days[j]));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('features as of a date', () => {
  let bank: BankDatabase;
  beforeAll(async () => {
    bank = await tinyBank();
  });
  afterAll(() => bank.close());

  it('computes each feature from the facts before the date', async () => {
    const rows = await featuresForCustomer(bank.db, 'C000001', D);
    expect(rows).not.toBeNull();
    const v = rows!.values;
    expect(valueOf(v, 'age')).toBe(35);
    expect(valueOf(v, 'tenure_months')).toBe(75);
    expect(valueOf(v, 'txn_count_30d')).toBe(2);
    expect(valueOf(v, 'txn_count_90d')).toBe(3);
    expect(valueOf(v, 'txn_count_trend')).toBeCloseTo(3 / 2);
    expect(valueOf(v, 'days_since_last_txn')).toBe(6);
    expect(valueOf(v, 'digital_share')).toBeCloseTo(2 / 3);
    expect(valueOf(v, 'cross_border_count_90d')).toBe(1);
    expect(valueOf(v, 'balance_trend_3m')).toBeCloseTo(5000 - 300);
    expect(valueOf(v, 'salary_credits_3m')).toBe(1);
    expect(valueOf(v, 'max_dpd_12m')).toBe(60);
    expect(valueOf(v, 'count_dpd30_12m')).toBe(2);
    expect(valueOf(v, 'repayment_to_income')).toBeCloseTo(1000 / 10_000);
    expect(valueOf(v, 'products_held')).toBe(2);
    expect(valueOf(v, 'holds_credit_card')).toBe(1);
    expect(valueOf(v, 'holds_wealth_management')).toBe(0);
    expect(valueOf(v, 'complaints_12m')).toBe(1);
    expect(Number.isNaN(valueOf(v, 'campaign_accept_rate'))).toBe(true);
    expect(rows!.active[0]).toBe(1);
  });

  it('ignores everything after the date (no leakage)', async () => {
    const before = (await featuresForCustomer(bank.db, 'C000001', D))!.values.slice();
    await bank.db
      .insertInto('transactions')
      .values({ id: 999, customer_id: 'C000001', account_id: 'A1', ts: '2026-05-01T00:00:01Z', amount: 1e6, direction: 'debit', channel: 'atm', category: 'transfer_out', merchant: 'm', country: 'US', is_cross_border: 1, injected_anomaly: 0 })
      .execute();
    await bank.db.insertInto('repayments').values({ facility_id: 'F1', customer_id: 'C000001', month: '2026-05', amount_due: 1, amount_paid: 0, days_past_due: 120 }).execute();
    const after = (await featuresForCustomer(bank.db, 'C000001', D))!.values;
    expect(Array.from(after)).toEqual(Array.from(before));
    // …while as of a later date the new facts do count.
    const later = (await featuresForCustomer(bank.db, 'C000001', '2026-06-01'))!.values;
    expect(valueOf(later, 'cross_border_count_90d')).toBe(1); // the new one; the March trip is now older than 90 days
    expect(valueOf(later, 'max_dpd_12m')).toBe(120);
    expect(valueOf(later, 'campaign_accept_rate')).toBe(1);
  });

  it('streams every customer in id-ordered pages, or only those who had joined', async () => {
    const ids: string[] = [];
    for await (const page of streamFeatures(bank.db, D, { pageSize: 2 })) ids.push(...page.ids);
    expect(ids).toEqual(['C000001', 'C000002', 'C000003']);
    const joined: string[] = [];
    for await (const page of streamFeatures(bank.db, D, { pageSize: 2, joinedBefore: true })) joined.push(...page.ids);
    expect(joined).toEqual(['C000001', 'C000002']);
  });

  it('labels outcomes in the window after the snapshot, per population', async () => {
    const labels = await computeLabels(bank.db, ['C000001', 'C000002', 'C000003'], D, W);
    // default: C000001's card reached 90 days past due in the window; C000002's loan has a default date in it
    expect(Array.from(labels.default)).toEqual([1, 1, -1]);
    expect(Array.from(labels.churn)).toEqual([0, 1, -1]);
    expect(labels.propensity.wealth_management[0]).toBe(1); // opened in the window
    expect(labels.propensity.fx_remittance[0]).toBe(1); // accepted a campaign in the window
    expect(labels.propensity.credit_card[0]).toBe(-1); // already held at the snapshot
    expect(labels.propensity.mortgage[0]).toBe(0);
    expect(labels.propensity.mortgage[2]).toBe(-1); // not a customer yet
  });
});
