import type { Insertable } from 'kysely';
import { openDatabase, type BankDatabase } from '../../data/database';
import type { AccountTable, CustomerTable, Database } from '../../data/schema';

/**
 * A small hand-made bank with known answers, for tests that check exact values:
 * - S0010 (RM, branch B01 Shanghai) owns C000001 王伟, C000002 王伟, C000003 李娜;
 * - S0011 (RM, branch B02 Beijing) owns C000004 王伟, C000005 Robert'); DROP TABLE customers;-- (a hostile name), C000006 in Xi'an;
 * - S0004 manages B01, S0005 manages B02; S0001 admin, S0002 risk, S0003 marketing.
 */
export const AS_OF = '2026-11-01';

export async function openFixtureBank(options: { databaseUrl?: string } = {}): Promise<BankDatabase> {
  const bank = await openDatabase({ databaseUrl: options.databaseUrl, sqlitePath: ':memory:' });
  await loadFixture(bank);
  return bank;
}

function customer(id: string, name: string, pinyin: string, over: Partial<Insertable<CustomerTable>> = {}): Insertable<CustomerTable> {
  return {
    id,
    name,
    name_pinyin: pinyin,
    gender: 'M',
    birth_date: '1985-06-15',
    city: 'Shanghai',
    branch_id: 'B01',
    rm_id: 'S0010',
    marketing_consent: 1,
    do_not_contact: 0,
    id_number: '310101198506151234',
    phone: '13812345678',
    email: 'wang.wei@example.com',
    occupation: 'engineer',
    annual_income: 320000,
    joined_date: '2015-03-01',
    preferred_language: 'zh',
    ...over,
  };
}

export async function loadFixture(bank: BankDatabase): Promise<void> {
  const db = bank.db;
  await db.insertInto('meta').values([{ key: 'as_of', value: AS_OF }, { key: 'seed', value: 'fixture' }]).execute();
  await db
    .insertInto('branches')
    .values([
      { id: 'B01', name: 'Shanghai Lujiazui', name_zh: '上海陆家嘴支行', city: 'Shanghai' },
      { id: 'B02', name: 'Beijing Financial Street', name_zh: '北京金融街支行', city: 'Beijing' },
      { id: 'B03', name: "Xi'an Gaoxin", name_zh: '西安高新支行', city: "Xi'an" },
    ])
    .execute();
  await db
    .insertInto('staff')
    .values([
      { id: 'S0001', name: 'Admin Zhou', role: 'admin', branch_id: null, aad_object_id: 'aad-0001', email: null },
      { id: 'S0002', name: 'Risk Qian', role: 'risk_officer', branch_id: null, aad_object_id: 'aad-0002', email: null },
      { id: 'S0003', name: 'Marketing Sun', role: 'marketing', branch_id: null, aad_object_id: 'aad-0003', email: null },
      { id: 'S0004', name: 'Manager Li', role: 'branch_manager', branch_id: 'B01', aad_object_id: 'aad-0004', email: null },
      { id: 'S0005', name: 'Manager Zhao', role: 'branch_manager', branch_id: 'B02', aad_object_id: 'aad-0005', email: null },
      { id: 'S0010', name: '陈静', role: 'relationship_manager', branch_id: 'B01', aad_object_id: 'aad-0010', email: null },
      { id: 'S0011', name: '刘洋', role: 'relationship_manager', branch_id: 'B02', aad_object_id: 'aad-0011', email: null },
    ])
    .execute();
  await db
    .insertInto('customers')
    .values([
      customer('C000001', '王伟', 'Wang Wei'),
      customer('C000002', '王伟', 'Wang Wei', { birth_date: '1970-01-20', phone: '13900001111', id_number: '310101197001201111' }),
      customer('C000003', '李娜', 'Li Na', { gender: 'F', email: 'li.na@example.com' }),
      customer('C000004', '王伟', 'Wang Wei', { city: 'Beijing', branch_id: 'B02', rm_id: 'S0011' }),
      customer('C000005', "Robert'); DROP TABLE customers;--", 'Robert Tables', { city: 'Beijing', branch_id: 'B02', rm_id: 'S0011' }),
      customer('C000006', '张秀英', 'Zhang Xiuying', { gender: 'F', city: "Xi'an", branch_id: 'B02', rm_id: 'S0011' }),
    ])
    .execute();
  const account = (id: string, customerId: string, product: string, balance: number, over: Partial<Insertable<AccountTable>> = {}) => ({
    id,
    customer_id: customerId,
    product,
    opened_date: '2020-01-01',
    closed_date: null,
    status: 'active',
    balance,
    credit_limit: null,
    ...over,
  });
  await db
    .insertInto('accounts')
    .values([
      account('A0000001', 'C000001', 'current_account', 52000),
      account('A0000002', 'C000001', 'wealth_management', 300000),
      account('A0000003', 'C000001', 'credit_card', 4000, { credit_limit: 50000 }),
      account('A0000004', 'C000002', 'current_account', 8000),
      account('A0000005', 'C000003', 'current_account', 1000),
      account('A0000006', 'C000003', 'savings_account', 9000, { status: 'closed', closed_date: '2026-09-01' }),
      account('A0000007', 'C000004', 'current_account', 77000),
      account('A0000008', 'C000006', 'current_account', 12000),
    ])
    .execute();
  const tx = (id: number, customerId: string, ts: string, amount: number, over: Partial<Insertable<Database['transactions']>> = {}) => ({
    id,
    customer_id: customerId,
    account_id: 'A0000001',
    ts,
    amount,
    direction: 'debit',
    channel: 'mobile',
    category: 'groceries',
    merchant: 'FreshMart',
    country: 'CN',
    is_cross_border: 0,
    injected_anomaly: 0,
    ...over,
  });
  await db
    .insertInto('transactions')
    .values([
      tx(1, 'C000001', '2026-10-20T10:00:00Z', 300),
      tx(2, 'C000001', '2026-10-21T11:00:00Z', 20000, { direction: 'credit', category: 'salary', merchant: 'Employer' }),
      tx(3, 'C000001', '2026-10-25T09:00:00Z', 5000, { country: 'JP', is_cross_border: 1, category: 'travel', merchant: 'Tokyo Hotel' }),
      tx(4, 'C000001', '2026-09-15T09:00:00Z', 1200, { country: 'SG', is_cross_border: 1, channel: 'online', category: 'shopping' }),
      tx(5, 'C000001', '2026-05-01T09:00:00Z', 999, {}),
    ])
    .execute();
  await db.insertInto('campaigns').values({ id: 'K001', name: 'Autumn wealth', product: 'wealth_management', start_date: '2026-09-01', end_date: '2026-09-30', channel: 'phone' }).execute();
  await db.insertInto('campaign_contacts').values({ campaign_id: 'K001', customer_id: 'C000001', contacted_at: '2026-09-10T03:00:00Z', channel: 'phone', outcome: 'accepted' }).execute();
  await db
    .insertInto('interactions')
    .values([
      { id: 'I0000001', customer_id: 'C000001', ts: '2026-10-28T08:00:00Z', type: 'complaint', channel: 'phone', category: 'fees', status: 'open', note: 'Charged twice. Call me on 13812345678' },
      { id: 'I0000002', customer_id: 'C000001', ts: '2026-06-01T08:00:00Z', type: 'complaint', channel: 'branch', category: 'service', status: 'resolved', note: 'slow queue' },
    ])
    .execute();
}
