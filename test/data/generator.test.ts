import crypto from 'node:crypto';
import { openDatabase, type BankDatabase } from '../../data/database';
import { generateBank, type BankSummary } from '../../data/generator/generate-bank';
import { identityCheckChar } from '../../data/generator/customer-profile';
import { BankNotEmptyError, seedBank } from '../../data/generator/seed-bank';
import { BANK_TABLES, TABLE_COLUMNS, type BankRow, type BankTable, type BulkWriter } from '../../data/generator/types';
import { CITY_NAMES, PRODUCT_CODES } from '../../data/vocabulary';

/** Collects rows in memory and hashes them in write order. */
class HashingWriter implements BulkWriter {
  readonly rows = new Map<BankTable, unknown[]>();
  async insert<T extends BankTable>(table: T, rows: readonly BankRow<T>[]): Promise<void> {
    const list = this.rows.get(table) ?? [];
    list.push(...rows);
    this.rows.set(table, list);
  }
  async flush(): Promise<void> {}
  hash(): string {
    const h = crypto.createHash('sha256');
    for (const t of BANK_TABLES) h.update(t).update(JSON.stringify(this.rows.get(t) ?? []));
    return h.digest('hex');
  }
}

const GENERATED_AT = '2026-11-01T00:00:00.000Z';
const CUSTOMERS = 1500;
const AS_OF = '2026-11-01';

async function collect(seed: number, customers: number, chunkSize?: number): Promise<HashingWriter> {
  const w = new HashingWriter();
  await generateBank({ customers, seed, chunkSize, generatedAt: GENERATED_AT }, w);
  return w;
}

describe('synthetic bank generator: determinism', () => {
  it('gives identical rows for the same seed whatever the chunk size, and different rows for another seed', async () => {
    const a = await collect(7, 400, 500);
    const b = await collect(7, 400, 37);
    const c = await collect(8, 400, 500);
    expect(a.hash()).toBe(b.hash());
    expect(c.hash()).not.toBe(a.hash());
  });

  it('writes rows whose keys are exactly the documented columns', async () => {
    const w = await collect(3, 200);
    for (const table of BANK_TABLES) {
      const rows = w.rows.get(table) ?? [];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows.slice(0, 50)) expect(Object.keys(row as object).sort()).toEqual([...TABLE_COLUMNS[table]].sort());
    }
  });

  it('rejects bad options with a clear message', async () => {
    const w = new HashingWriter();
    await expect(generateBank({ customers: 0, seed: 1 }, w)).rejects.toThrow(/customers must be a whole number/);
    await expect(generateBank({ customers: 10, seed: 1.5 }, w)).rejects.toThrow(/seed must be an integer/);
    await expect(generateBank({ customers: 10, seed: 1, asOf: '2026-02-30' }, w)).rejects.toThrow(/not a real calendar date/);
  });
});

describe('synthetic bank generator: content in SQLite', () => {
  let bank: BankDatabase;
  let summary: BankSummary;
  const all = <T>(query: string, ...params: unknown[]): T[] => bank.sqlite!.prepare(query).all(...params) as T[];
  const one = <T>(query: string, ...params: unknown[]): T => bank.sqlite!.prepare(query).get(...params) as T;

  beforeAll(async () => {
    bank = await openDatabase({ sqlitePath: ':memory:' });
    summary = await seedBank(bank, { customers: CUSTOMERS, seed: 42, generatedAt: GENERATED_AT });
  });
  afterAll(async () => {
    await bank.close();
  });

  it('stores exactly what the generator produced', async () => {
    const w = await collect(42, CUSTOMERS);
    for (const table of BANK_TABLES) {
      const expected = (w.rows.get(table) ?? []).length;
      expect(one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n).toBe(expected);
      expect(summary.rows[table]).toBe(expected);
    }
    const sample = (w.rows.get('transactions') as BankRow<'transactions'>[])[1234] as BankRow<'transactions'>;
    expect(one(`SELECT * FROM transactions WHERE id = ?`, sample.id)).toEqual(sample);
  });

  it('writes the meta facts', () => {
    const meta = Object.fromEntries(all<{ key: string; value: string }>('SELECT key, value FROM meta').map((r) => [r.key, r.value]));
    expect(meta).toMatchObject({ as_of: AS_OF, snapshot_date: '2026-05-01', seed: '42', customers: String(CUSTOMERS), generated_at: GENERATED_AT });
    expect(meta.generator_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(meta.row_counts as string).customers).toBe(CUSTOMERS);
  });

  it('has twelve branches, one manager each, and relationship managers from S0010', () => {
    const branches = all<{ id: string; city: string }>('SELECT id, city FROM branches ORDER BY id');
    expect(branches.map((b) => b.id)).toEqual(Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`));
    expect(new Set(branches.map((b) => b.city))).toEqual(new Set(CITY_NAMES));
    const staff = all<{ id: string; role: string; branch_id: string | null; aad_object_id: string; email: string }>('SELECT * FROM staff');
    const role = (id: string) => staff.find((s) => s.id === id)?.role;
    expect([role('S0001'), role('S0002'), role('S0003')]).toEqual(['admin', 'risk_officer', 'marketing']);
    for (const b of branches) expect(staff.filter((s) => s.role === 'branch_manager' && s.branch_id === b.id)).toHaveLength(1);
    expect(staff.find((s) => s.id === 'S0004')).toMatchObject({ role: 'branch_manager', branch_id: 'B01' });
    expect(staff.find((s) => s.id === 'S0010')).toMatchObject({ role: 'relationship_manager', branch_id: 'B01' });
    const rms = staff.filter((s) => s.role === 'relationship_manager').map((s) => Number(s.id.slice(1))).sort((a, b) => a - b);
    expect(rms).toEqual(Array.from({ length: rms.length }, (_, i) => 10 + i));
    for (const s of staff) {
      expect(s.id).toMatch(/^S\d{4}$/);
      expect(s.aad_object_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(s.email).toMatch(/^[a-z]+\.s\d{4}@examplebank\.cn$/);
    }
    expect(new Set(staff.map((s) => s.aad_object_id)).size).toBe(staff.length);
  });

  it('gives every customer a valid identity, a city of the twelve and a relationship manager of their own branch', () => {
    const customers = all<BankRow<'customers'>>('SELECT * FROM customers ORDER BY id');
    expect(customers[0]?.id).toBe('C000001');
    expect(customers[customers.length - 1]?.id).toBe(`C${String(CUSTOMERS).padStart(6, '0')}`);
    const asOf = new Date(`${AS_OF}T00:00:00Z`);
    const mismatched = one<{ n: number }>(
      `SELECT count(*) AS n FROM customers c JOIN staff s ON s.id = c.rm_id JOIN branches b ON b.id = c.branch_id
       WHERE s.role <> 'relationship_manager' OR s.branch_id <> c.branch_id OR b.city <> c.city`,
    );
    expect(mismatched.n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM customers WHERE rm_id NOT IN (SELECT id FROM staff)').n).toBe(0);
    for (const c of customers) {
      expect(c.id).toMatch(/^C\d{6}$/);
      expect(CITY_NAMES).toContain(c.city);
      const birth = new Date(`${c.birth_date}T00:00:00Z`);
      let age = asOf.getUTCFullYear() - birth.getUTCFullYear();
      if (asOf.getUTCMonth() < birth.getUTCMonth() || (asOf.getUTCMonth() === birth.getUTCMonth() && asOf.getUTCDate() < birth.getUTCDate())) age--;
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(85);
      expect(c.id_number).toMatch(/^\d{17}[\dX]$/);
      expect(c.id_number.slice(6, 14)).toBe(c.birth_date.replace(/-/g, ''));
      expect(identityCheckChar(c.id_number.slice(0, 17))).toBe(c.id_number[17]);
      expect(Number(c.id_number[16]) % 2).toBe(c.gender === 'M' ? 1 : 0);
      expect(c.phone).toMatch(/^1[358]\d{9}$/);
      expect(c.email).toMatch(/^[a-z]+\d+@[a-z0-9.]+$/);
      expect(c.name_pinyin).toMatch(/^[A-Z][a-zü]+ [A-Z][a-z]+$/);
      expect(['F', 'M']).toContain(c.gender);
      expect(['zh', 'en']).toContain(c.preferred_language);
      expect(c.joined_date >= c.birth_date && c.joined_date < AS_OF).toBe(true);
    }
  });

  it('keeps the documented guarantees about fixed customers', () => {
    const c = (id: string) => one<BankRow<'customers'>>('SELECT * FROM customers WHERE id = ?', id);
    expect(c('C000001')).toMatchObject({ name: '王伟', name_pinyin: 'Wang Wei', city: 'Beijing', rm_id: 'S0010' });
    expect(c('C000002')).toMatchObject({ name: '王伟', city: 'Shanghai' });
    expect(c('C000002').rm_id).not.toBe('S0010');
    expect(c('C000003')).toMatchObject({ name: '欧阳明轩', name_pinyin: 'Ouyang Mingxuan', rm_id: 'S0010' });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM customers WHERE name = '欧阳明轩'`).n).toBe(1);
    const complaint = one<{ n: number }>(
      `SELECT count(*) AS n FROM interactions WHERE customer_id = 'C000004' AND type = 'complaint' AND status = 'open'
       AND lower(note) LIKE '%ignore previous instructions%'`,
    );
    expect(complaint.n).toBe(1);
    const anomalies = one<{ n: number }>(
      `SELECT count(*) AS n FROM transactions WHERE customer_id = 'C000005' AND injected_anomaly = 1 AND ts >= '2026-09-02'`,
    );
    expect(anomalies.n).toBeGreaterThan(0);
    expect(one<{ n: number }>(`SELECT count(DISTINCT rm_id) AS n FROM customers`).n).toBeGreaterThan(5);
  });

  it('repeats common names and keeps consent and do-not-contact rates realistic', () => {
    const repeated = all<{ name: string; n: number }>('SELECT name, count(*) AS n FROM customers GROUP BY name HAVING n > 1 ORDER BY n DESC');
    expect(repeated.length).toBeGreaterThan(20);
    expect(repeated[0]!.n).toBeGreaterThanOrEqual(4);
    const rates = one<{ consent: number; dnc: number }>('SELECT avg(marketing_consent) AS consent, avg(do_not_contact) AS dnc FROM customers');
    expect(rates.consent).toBeGreaterThan(0.6);
    expect(rates.consent).toBeLessThan(0.8);
    expect(rates.dnc).toBeGreaterThan(0.02);
    expect(rates.dnc).toBeLessThan(0.09);
  });

  it('keeps transactions inside the year before the as-of date and injects a few anomalies', () => {
    const range = one<{ lo: string; hi: string; n: number; anomalies: number; cross: number }>(
      `SELECT min(ts) AS lo, max(ts) AS hi, count(*) AS n, sum(injected_anomaly) AS anomalies, sum(is_cross_border) AS cross FROM transactions`,
    );
    expect(range.lo >= '2025-11-01').toBe(true);
    expect(range.hi < AS_OF).toBe(true);
    expect(range.n / CUSTOMERS).toBeGreaterThan(20);
    expect(range.n / CUSTOMERS).toBeLessThan(80);
    expect(range.anomalies / range.n).toBeGreaterThan(0.0005);
    expect(range.anomalies / range.n).toBeLessThan(0.003);
    expect(range.cross).toBeGreaterThan(0);
    const bad = one<{ n: number }>(
      `SELECT count(*) AS n FROM transactions t LEFT JOIN accounts a ON a.id = t.account_id
       WHERE a.id IS NULL OR a.customer_id <> t.customer_id OR t.amount <= 0 OR t.ts < a.opened_date
          OR (a.closed_date IS NOT NULL AND substr(t.ts, 1, 10) > a.closed_date)`,
    );
    expect(bad.n).toBe(0);
    const channels = all<{ channel: string }>('SELECT DISTINCT channel FROM transactions').map((r) => r.channel).sort();
    expect(channels).toEqual(['atm', 'branch', 'mobile', 'online', 'pos']);
  });

  it('has credit facilities with repayment history, some of which default, also after the snapshot', () => {
    const f = one<{ n: number; defaults: number; after: number }>(
      `SELECT count(*) AS n, sum(status = 'default') AS defaults, sum(default_date >= '2026-05-01') AS after FROM credit_facilities`,
    );
    expect(f.defaults / f.n).toBeGreaterThan(0.02);
    expect(f.defaults / f.n).toBeLessThan(0.08);
    expect(f.after).toBeGreaterThan(0);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM credit_facilities WHERE (status = 'default') <> (default_date IS NOT NULL)`).n).toBe(0);
    const defaulted = one<{ n: number }>(
      `SELECT count(*) AS n FROM credit_facilities f WHERE status = 'default'
       AND NOT EXISTS (SELECT 1 FROM repayments r WHERE r.facility_id = f.id AND r.days_past_due >= 90)`,
    );
    expect(defaulted.n).toBe(0);
    const months = one<{ lo: string; hi: string }>('SELECT min(month) AS lo, max(month) AS hi FROM repayments');
    expect(months.hi).toBe('2026-10');
    expect(months.lo >= '2024-11').toBe(true);
  });

  it('gives everyone current and savings accounts, closes accounts of leavers, and keeps statuses consistent', () => {
    const missing = one<{ n: number }>(
      `SELECT count(*) AS n FROM customers c WHERE
        (SELECT count(*) FROM accounts a WHERE a.customer_id = c.id AND a.product IN ('current_account', 'savings_account')) < 2`,
    );
    expect(missing.n).toBe(0);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM accounts WHERE (status = 'closed') <> (closed_date IS NOT NULL)`).n).toBe(0);
    const leavers = one<{ n: number }>(`SELECT count(*) AS n FROM accounts WHERE product = 'current_account' AND status = 'closed'`);
    expect(leavers.n / CUSTOMERS).toBeGreaterThan(0.03);
    expect(leavers.n / CUSTOMERS).toBeLessThan(0.15);
    const products = all<{ product: string }>('SELECT DISTINCT product FROM accounts').map((r) => r.product);
    for (const p of PRODUCT_CODES) expect(products).toContain(p);
  });

  it('runs eight campaigns over all seven products and contacts only customers who allow it', () => {
    const campaigns = all<{ product: string }>('SELECT product FROM campaigns');
    expect(campaigns).toHaveLength(8);
    expect(new Set(campaigns.map((c) => c.product))).toEqual(new Set(PRODUCT_CODES));
    const forbidden = one<{ n: number }>(
      `SELECT count(*) AS n FROM campaign_contacts k JOIN customers c ON c.id = k.customer_id
       WHERE c.marketing_consent = 0 OR c.do_not_contact = 1`,
    );
    expect(forbidden.n).toBe(0);
    const outcomes = all<{ outcome: string }>('SELECT DISTINCT outcome FROM campaign_contacts').map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['accepted', 'declined', 'no_response']);
    // Affluent customers take wealth management up far more often than others.
    const byAffluence = all<{ rich: number; rate: number }>(
      `SELECT t.affluence > 0.6 AS rich, avg(k.outcome = 'accepted') AS rate FROM campaign_contacts k
       JOIN campaigns p ON p.id = k.campaign_id JOIN customer_traits t ON t.customer_id = k.customer_id
       WHERE p.product = 'wealth_management' GROUP BY rich ORDER BY rich`,
    );
    expect(byAffluence).toHaveLength(2);
    expect(byAffluence[1]!.rate).toBeGreaterThan(2 * byAffluence[0]!.rate);
  });

  it('refuses to replace an existing bank without force, and leaves the audit log alone with force', async () => {
    await expect(seedBank(bank, { customers: 50, seed: 1 })).rejects.toBeInstanceOf(BankNotEmptyError);
    await bank.db
      .insertInto('audit_log')
      .values({
        ts: '2026-11-01T00:00:00Z', incident_id: null, staff_id: 'S0001', role: 'admin', channel: 'test', conversation_id: 'c',
        intent: 'help', recognizer: 'rules', entities: '{}', customer_ids: '[]', outcome: 'answered', latency_ms: 1,
      })
      .execute();
    bank.sqlite!.prepare(`INSERT INTO customer_balances (customer_id, total_assets, as_of) VALUES ('C000001', 1, '2026-11-01')`).run();
    const replaced = await seedBank(bank, { customers: 50, seed: 1, force: true });
    // Results computed from the old customers are gone with them.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM customer_balances').n).toBe(0);
    expect(replaced.rows.customers).toBe(50);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM customers').n).toBe(50);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM audit_log').n).toBe(1);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'transactions_customer_ts'`).n).toBe(1);
  });
});

describe('seeding after an interrupted load', () => {
  it('clears leftovers without customers without needing force, and writes meta at the end', async () => {
    const bank = await openDatabase({ sqlitePath: ':memory:' });
    try {
      bank.sqlite!.prepare(`INSERT INTO branches (id, name, name_zh, city) VALUES ('B01', 'Old', '旧', 'Beijing')`).run();
      const progress: string[] = [];
      await seedBank(bank, { customers: 20, seed: 5 }, (p) => progress.push(p.phase));
      const branches = bank.sqlite!.prepare(`SELECT name FROM branches WHERE id = 'B01'`).get() as { name: string };
      expect(branches.name).toBe('Beijing Chaoyang Branch');
      expect(progress[progress.length - 1]).toBe('done');
      const meta = bank.sqlite!.prepare(`SELECT value FROM meta WHERE key = 'generated_at'`).get() as { value: string } | undefined;
      expect(meta?.value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    } finally {
      await bank.close();
    }
  });
});
