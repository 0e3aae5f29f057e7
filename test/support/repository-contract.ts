import type { BankDatabase } from '../../data/database';
import { AuditRepository } from '../../data/repositories/audit-repository';
import { CustomerRepository } from '../../data/repositories/customer-repository';
import { StaffRepository } from '../../data/repositories/staff-repository';

/**
 * The repository behaviour both engines must share. Called by the SQLite unit test and the PostgreSQL
 * integration test with a fresh fixture bank each time.
 */
export function repositoryContract(engineName: string, openBank: () => Promise<BankDatabase>): void {
  describe(`repositories on ${engineName}`, () => {
    let bank: BankDatabase;
    beforeEach(async () => {
      bank = await openBank();
    });
    afterEach(async () => {
      await bank.close();
    });

    it('finds customers by id, Chinese name and pinyin in any case or spacing', async () => {
      const repo = new CustomerRepository(bank.db);
      expect((await repo.findById('C000003'))?.name).toBe('李娜');
      expect(await repo.findById('C999999')).toBeUndefined();
      expect((await repo.findByName('王伟')).map((m) => m.id)).toEqual(['C000001', 'C000002', 'C000004']);
      expect((await repo.findByName('WANG WEI')).map((m) => m.id)).toEqual(['C000001', 'C000002', 'C000004']);
      expect((await repo.findByName('wangwei')).map((m) => m.id)).toEqual(['C000001', 'C000002', 'C000004']);
      expect(await repo.findByName('')).toEqual([]);
    });

    it('keeps hostile input as data: quotes and SQL in names change nothing', async () => {
      const repo = new CustomerRepository(bank.db);
      expect((await repo.findByName("Robert'); DROP TABLE customers;--")).map((m) => m.id)).toEqual(['C000005']);
      expect(await repo.findByName("' OR '1'='1")).toEqual([]);
      expect((await repo.findById('C000006'))?.city).toBe("Xi'an");
      const n = await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(6);
    });

    it('builds the profile aggregates', async () => {
      const repo = new CustomerRepository(bank.db);
      expect(await repo.asOf()).toBe('2026-11-01');
      const p = await repo.profile('C000001', '2026-11-01', 90);
      expect(p?.rmName).toBe('陈静');
      expect(p?.branchName).toBe('Shanghai Lujiazui');
      expect(p?.accounts.map((a) => a.product)).toEqual(['current_account', 'wealth_management', 'credit_card']);
      expect(p?.activity).toEqual({
        windowDays: 90,
        transactions: 4,
        debitTotal: 6500,
        creditTotal: 20000,
        crossBorderCount: 2,
        crossBorderTotal: 6200,
        crossBorderCountries: ['JP', 'SG'],
        digitalShare: 1,
        lastTransactionAt: '2026-10-25T09:00:00Z',
        topChannel: 'mobile',
      });
      expect(p?.lastContact).toMatchObject({ campaignName: 'Autumn wealth', outcome: 'accepted' });
      expect(p?.openComplaints.map((c) => c.id)).toEqual(['I0000001']);
      expect(await repo.profile('C999999', '2026-11-01')).toBeUndefined();
    });

    it('resolves staff by id and by Entra object id', async () => {
      const staff = new StaffRepository(bank.db);
      expect((await staff.findById('S0010'))?.role).toBe('relationship_manager');
      expect((await staff.findByAadObjectId('aad-0004'))?.id).toBe('S0004');
      expect(await staff.findByAadObjectId('nobody')).toBeUndefined();
      expect((await staff.list()).map((s) => s.id)).toContain('S0003');
    });

    it('appends audit rows and refuses to change or delete them', async () => {
      const audit = new AuditRepository(bank.db);
      const entry = {
        ts: '2026-11-01T00:00:00.000Z',
        incident_id: null,
        staff_id: 'S0010',
        role: 'relationship_manager',
        channel: 'emulator',
        conversation_id: 'c1',
        intent: 'customer_profile',
        recognizer: 'rules',
        entities: '{"customerId":"C000001"}',
        customer_ids: '["C000001"]',
        outcome: 'answered',
        latency_ms: 12,
        detail: null,
      };
      await audit.append(entry);
      await audit.append({ ...entry, outcome: 'denied' });
      expect((await audit.recent({ staffId: 'S0010' })).map((r) => r.outcome)).toEqual(['denied', 'answered']);
      await expect(bank.db.deleteFrom('audit_log').execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
      await expect(bank.db.updateTable('audit_log').set({ outcome: 'x' } as never).execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
      expect(await audit.recent()).toHaveLength(2);
    });
  });
}
