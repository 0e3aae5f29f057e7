import { sql } from 'kysely';
import { openTrainedBank } from '../support/trained-bank';
import { createTestBot } from '../support/test-bot';

let trained: Awaited<ReturnType<typeof openTrainedBank>>;
let testBot: Awaited<ReturnType<typeof createTestBot>>;
let flagged: { customer_id: string; rm_id: string; n: number };

beforeAll(async () => {
  trained = await openTrainedBank();
  testBot = await createTestBot(trained.bank, { models: trained.models });
  // The customer with the most flags in the last 90 days, and their relationship manager.
  const { rows } = await sql<typeof flagged>`
    select f.customer_id, c.rm_id, count(*) as n from transaction_flags f join customers c on c.id = f.customer_id
    where f.ts >= '2026-08-03' group by f.customer_id, c.rm_id order by n desc, f.customer_id limit 1`.execute(trained.bank.db);
  flagged = rows[0] as unknown as typeof flagged;
});
afterAll(async () => {
  await trained.close();
});

describe('transaction_anomalies', () => {
  it('lists a customer’s flagged transactions of the last 90 days with reasons, matching the flags table', async () => {
    expect(flagged).toBeDefined();
    const reply = await testBot.conversation(flagged.rm_id).say(`any unusual transactions for ${flagged.customer_id}?`);
    expect(reply.trace).toMatchObject({ intent: 'transaction_anomalies', outcome: 'answered' });
    const r = reply.trace.result as Record<string, any>;
    expect(r.mode).toBe('customer');
    expect(r.windowDays).toBe(90);
    expect(r.total).toBe(Number(flagged.n));
    for (const row of r.rows) {
      expect(row.customerId).toBe(flagged.customer_id);
      expect(row.date >= '2026-08-03').toBe(true);
      expect(row.reasons.length).toBeGreaterThan(0);
    }
    expect(r.policy[0].key).toBe('suspiciousTransactionProcedure');
  });

  it('answers portfolio mode within the asker’s scope only', async () => {
    const reply = await testBot.conversation(flagged.rm_id).say('any unusual transactions in my portfolio in the last 30 days?');
    const r = reply.trace.result as Record<string, any>;
    expect(r.mode).toBe('portfolio');
    expect(r.windowDays).toBe(30);
    const owners = await trained.bank.db
      .selectFrom('customers')
      .select(['id', 'rm_id'])
      .where('id', 'in', r.rows.map((x: any) => x.customerId).concat(['-']))
      .execute();
    for (const o of owners) expect(o.rm_id).toBe(flagged.rm_id);
  });

  it('refuses another RM’s customer, and answers in Chinese', async () => {
    const other = await trained.bank.db.selectFrom('staff').select('id').where('role', '=', 'relationship_manager').where('id', '!=', flagged.rm_id).limit(1).executeTakeFirstOrThrow();
    const denied = await testBot.conversation(other.id).say(`${flagged.customer_id} 近90天有异常交易吗`);
    expect(denied.trace).toMatchObject({ intent: 'transaction_anomalies', outcome: 'denied' });
    const zh = await testBot.conversation(flagged.rm_id).say(`${flagged.customer_id} 近90天有异常交易吗`);
    expect(zh.trace.outcome).toBe('answered');
    expect(zh.text).toMatch(/异常交易/);
  });
});
