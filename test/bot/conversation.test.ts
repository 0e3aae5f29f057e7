import type { BankDatabase } from '../../data/database';
import { openFixtureBank } from '../support/fixture-bank';
import { createTestBot } from '../support/test-bot';

let bank: BankDatabase;
let testBot: Awaited<ReturnType<typeof createTestBot>>;

beforeEach(async () => {
  bank = await openFixtureBank();
  testBot = await createTestBot(bank);
});
afterEach(async () => {
  await bank.close();
});

async function auditRows() {
  return bank.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

describe('customer profile conversations', () => {
  it.each([
    ['tell me about C000001', 'C000001', 'en'],
    ['C000001 的客户画像', 'C000001', 'zh'],
    ['show me the profile of c1', 'C000001', 'en'],
    ['客户3的画像', 'C000003', 'zh'],
    ['<at>Bank Copilot</at> tell me about Li Na', 'C000003', 'en'],
    ['李娜的客户画像', 'C000003', 'zh'],
  ])('%s → profile of %s in %s', async (message, customerId, lang) => {
    const reply = await testBot.conversation('S0010').say(message);
    expect(reply.trace.intent).toBe('customer_profile');
    expect(reply.trace.outcome).toBe('answered');
    expect(reply.trace.recognizer).toBe('rules');
    expect(reply.trace.result).toMatchObject({ customerId });
    if (lang === 'zh') expect(reply.text).toMatch(/[\u4e00-\u9fff]/);
    else expect(reply.text).not.toMatch(/客户经理|总资产/);
    expect(reply.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('builds the 360 view from the database, with contact details masked', async () => {
    const reply = await testBot.conversation('S0010').say('tell me about C000001');
    const r = reply.trace.result as Record<string, any>;
    expect(r.contact).toEqual({ phone: '138****5678', email: 'w***@example.com', idNumber: '310***********1234' });
    expect(r.relationshipManager).toEqual({ id: 'S0010', name: '陈静' });
    expect(r.totalAssets).toBe(352000); // current 52,000 + wealth management 300,000; the credit card is borrowing
    expect(r.totalLiabilities).toBe(4000);
    expect(r.activity).toMatchObject({ windowDays: 90, transactions: 4, crossBorderCount: 2, crossBorderCountries: ['JP', 'SG'] });
    expect(r.lastContact).toMatchObject({ campaign: 'Autumn wealth', outcome: 'accepted' });
    expect(r.openComplaints).toEqual([{ id: 'I0000001', date: '2026-10-28', category: 'fees' }]);
    const everything = JSON.stringify(reply.activities);
    expect(everything).not.toContain('13812345678');
    expect(everything).not.toContain('310101198506151234');
    expect(everything).not.toContain('wang.wei@example.com');
  });

  it('asks which customer when a name is shared, and "the second one" completes the request', async () => {
    const chat = testBot.conversation('S0010');
    const first = await chat.say('tell me about Wang Wei');
    expect(first.trace.outcome).toBe('clarify');
    // C000004 is also 王伟 but belongs to another RM: it is not offered.
    expect((first.trace.result as any).choices.map((c: any) => c.customerId)).toEqual(['C000001', 'C000002']);
    expect(JSON.stringify(first.card)).toContain('Action.Submit');
    const second = await chat.say('the second one');
    expect(second.trace.intent).toBe('customer_profile');
    expect(second.trace.outcome).toBe('answered');
    expect(second.trace.result).toMatchObject({ customerId: 'C000002' });
  });

  it('completes a Chinese disambiguation with 第二个, a card click, or an id', async () => {
    const zh = testBot.conversation('S0010');
    expect((await zh.say('王伟的客户画像')).trace.outcome).toBe('clarify');
    const picked = await zh.say('第二个');
    expect(picked.trace.result).toMatchObject({ customerId: 'C000002' });
    expect(picked.text).toMatch(/[\u4e00-\u9fff]/);

    const click = testBot.conversation('S0010');
    await click.say('tell me about 王伟');
    const clicked = await click.say('', { choose: { customerId: 'C000001' } });
    expect(clicked.trace).toMatchObject({ intent: 'customer_profile', outcome: 'answered', result: { customerId: 'C000001' } });

    const byId = testBot.conversation('S0010');
    await byId.say('tell me about wang wei');
    expect((await byId.say('C000002')).trace.result).toMatchObject({ customerId: 'C000002' });
  });

  it('asks for the customer when none is given, then answers with the next message', async () => {
    const chat = testBot.conversation('S0010');
    const ask = await chat.say('show me the customer profile');
    expect(ask.trace.outcome).toBe('clarify');
    expect(ask.text).toMatch(/Which customer/);
    const done = await chat.say('C000003');
    expect(done.trace).toMatchObject({ intent: 'customer_profile', outcome: 'answered', result: { customerId: 'C000003' } });
  });

  it('says clearly when the customer does not exist', async () => {
    const reply = await testBot.conversation('S0010').say('tell me about C999999');
    expect(reply.trace.outcome).toBe('not_found');
    expect(reply.text).toMatch(/couldn't find a customer matching "C999999"/);
    const zh = await testBot.conversation('S0010').say('C999999 的客户画像');
    expect(zh.trace.outcome).toBe('not_found');
    expect(zh.text).toMatch(/没有找到/);
  });
});

describe('scope and audit', () => {
  it('denies a relationship manager a customer outside the portfolio, shows nothing, and audits it', async () => {
    const reply = await testBot.conversation('S0010').say('tell me about C000004');
    expect(reply.trace.outcome).toBe('denied');
    expect(JSON.stringify(reply.activities)).not.toMatch(/77,?000|Beijing Financial/);
    const [row] = (await auditRows()).slice(-1);
    expect(row).toMatchObject({ staff_id: 'S0010', role: 'relationship_manager', intent: 'customer_profile', outcome: 'denied' });
    expect(JSON.parse(row!.customer_ids)).toEqual(['C000004']);
    expect(JSON.parse(row!.entities)).toEqual({ customerId: 'C000004' });
  });

  it.each([
    ['S0004', 'C000002', 'answered'], // branch manager, own branch
    ['S0004', 'C000004', 'denied'], // branch manager, other branch
    ['S0002', 'C000004', 'answered'], // risk officer sees all
    ['S0001', 'C000006', 'answered'], // admin sees all
    ['S0003', 'C000001', 'denied'], // marketing sees no single customer
    ['guest-user', 'C000001', 'denied'], // not in the staff directory
  ])('%s asking for %s → %s', async (staffId, customerId, outcome) => {
    const reply = await testBot.conversation(staffId).say(`tell me about ${customerId}`);
    expect(reply.trace.outcome).toBe(outcome);
    const [row] = (await auditRows()).slice(-1);
    expect(row!.outcome).toBe(outcome);
  });

  it('writes one audit row per turn with latency, and the database refuses to change it', async () => {
    const chat = testBot.conversation('S0010');
    await chat.say('help');
    await chat.say('tell me about C000001');
    const rows = await auditRows();
    expect(rows.map((r) => [r.intent, r.outcome])).toEqual([
      ['help', 'answered'],
      ['customer_profile', 'answered'],
    ]);
    expect(rows[1]!.latency_ms).toBeGreaterThanOrEqual(0);
    expect(rows[1]!.recognizer).toBe('rules');
    await expect(bank.db.deleteFrom('audit_log').execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    await expect(bank.db.updateTable('audit_log').set({ outcome: 'answered' } as never).execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
  });

  it('lets guests ask for help, and tells them what they can do', async () => {
    const reply = await testBot.conversation('someone-else').say('help');
    expect(reply.trace).toMatchObject({ intent: 'help', outcome: 'answered' });
    expect(reply.text).toMatch(/not in the staff directory/);
  });
});

describe('robustness', () => {
  it('treats hostile names and apostrophes as plain data', async () => {
    const admin = testBot.conversation('S0001');
    const hostile = await admin.say("tell me about Robert'); DROP TABLE customers;--");
    expect(['answered', 'not_found', 'none', 'clarify']).toContain(hostile.trace.outcome);
    const xian = await admin.say('tell me about C000006');
    expect(xian.trace.result).toMatchObject({ customerId: 'C000006', city: "Xi'an" });
    const count = await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
  });

  it('answers an oversized message with a clear limit and audits it', async () => {
    const reply = await testBot.conversation('S0010').say('x'.repeat(2001));
    expect(reply.trace.outcome).toBe('none');
    expect(reply.text).toMatch(/too long \(2001 characters; the limit is 2000\)/);
    expect((await auditRows()).at(-1)!.outcome).toBe('none');
  });

  it('offers suggestions when it does not understand', async () => {
    const reply = await testBot.conversation('S0010').say('what is the weather on Mars');
    expect(reply.trace.intent).toBe('none');
    expect(reply.trace.outcome).toBe('none');
    expect(reply.text).toMatch(/didn't understand/);
  });

  it('sends the trace on the emulator channel only', async () => {
    const teams = await testBot.conversation('S0010', 'msteams').say('tell me about C000001');
    expect(teams.activities.filter((a) => a.type === 'trace')).toHaveLength(0);
    expect(teams.card).toBeDefined();
  });

  it('tells the user the database is down with an incident id, and logs instead of crashing', async () => {
    const chat = testBot.conversation('S0010');
    await bank.close();
    const reply = await chat.say('tell me about C000001');
    const message = reply.activities.find((a) => a.type === 'message');
    expect(message?.text).toMatch(/database is not reachable.*Incident INC-[0-9A-F]{8}/);
    expect(reply.trace.outcome).toBe('error');
    expect(reply.trace.incidentId).toMatch(/^INC-/);
  });
});
