/**
 * The contract every skill keeps, run over the whole registry: schema round-trip (and a valid LLM tool
 * schema), refusal outside the asker's scope with an audit row, not found, English and Chinese answers,
 * cards under the Teams size limit, and the structured result in the turn trace.
 */
import { z } from 'zod';
import { createSkillRegistry } from '../../skills';
import { cardBytes } from '../../skills/cards';
import type { Intent } from '../../skills/contracts';
import type { Permission } from '../../skills/skill';
import { openTrainedBank } from '../support/trained-bank';
import { createTestBot } from '../support/test-bot';

/** How staff ask for each skill; `{c}` is a customer id. C000001 belongs to S0010; C000002 to another RM. */
const EXAMPLES: Record<Exclude<Intent, 'none'>, { en: string; zh: string }> = {
  help: { en: 'what can you do?', zh: '你能做什么' },
  customer_profile: { en: 'tell me about {c}', zh: '{c} 的客户画像' },
  credit_risk: { en: 'credit risk of {c}', zh: '{c} 的信用风险' },
  churn_risk: { en: 'is {c} likely to leave?', zh: '{c} 会流失吗' },
  customer_segment: { en: 'which segment is {c} in?', zh: '{c} 属于哪个客群' },
  segment_overview: { en: 'show me the customer segments', zh: '客群分布' },
  campaign_targets: { en: 'top 20 customers for wealth management', zh: '理财产品的前20名目标客户' },
  transaction_anomalies: { en: 'any unusual transactions for {c}?', zh: '{c} 近90天有异常交易吗' },
  policy_qa: { en: 'what is the deadline for reporting a suspicious transaction?', zh: '可疑交易报告的期限是多久' },
  portfolio_stats: { en: 'how many of my customers hold a mortgage?', zh: '我的客户里有多少人持有房贷' },
  model_info: { en: 'how good is the churn model?', zh: '流失模型的效果怎么样' },
};

/** Who may use each permission (first) and someone refused (second, or null when everyone may). */
const ASKERS: Record<Permission, { allowed: string; refused: string | null }> = {
  customer: { allowed: 'S0010', refused: 'S0003' },
  campaign: { allowed: 'S0010', refused: 'S0002' },
  portfolio: { allowed: 'S0010', refused: 'visitor-without-role' },
  staff: { allowed: 'S0010', refused: 'visitor-without-role' },
  public: { allowed: 'S0010', refused: null },
};

const registry = createSkillRegistry();
let trained: Awaited<ReturnType<typeof openTrainedBank>>;
let testBot: Awaited<ReturnType<typeof createTestBot>>;

beforeAll(async () => {
  trained = await openTrainedBank();
  testBot = await createTestBot(trained.bank, { models: trained.models });
});
afterAll(async () => {
  await trained.close();
});

const say = (staffId: string, text: string) => testBot.conversation(staffId).say(text);
const lastAudit = async () => (await trained.bank.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).execute())[0]!;

it('has an example for every registered skill, and every intent but none is registered', () => {
  const names = registry.all().map((s) => s.name).sort();
  expect(names).toEqual(Object.keys(EXAMPLES).sort());
});

describe.each(registry.all().map((s) => [s.name, s] as const))('%s', (name, skill) => {
  const example = EXAMPLES[name];
  const isCustomerSkill = skill.permission === 'customer' && example.en.includes('{c}');
  const en = example.en.replace('{c}', 'C000001');
  const zh = example.zh.replace('{c}', 'C000001');

  it('round-trips its input schema and exports it as an LLM tool schema', async () => {
    const reply = await say(ASKERS[skill.permission].allowed, en);
    expect(reply.trace.intent).toBe(name);
    const input = skill.input.parse({ ...reply.trace.entities, ...('question' in skill.input.shape ? { question: en } : {}) });
    expect(skill.input.parse(JSON.parse(JSON.stringify(input)))).toEqual(input);
    const schema = z.toJSONSchema(skill.input) as { type?: string };
    expect(schema.type).toBe('object');
    expect(skill.description.length).toBeGreaterThan(20);
  });

  it('answers in English and in Chinese, with the result in the trace and a card under 28 KB', async () => {
    const asker = ASKERS[skill.permission].allowed;
    const english = await say(asker, en);
    const chinese = await say(asker, zh);
    for (const [reply, lang] of [[english, 'en'], [chinese, 'zh']] as const) {
      expect(reply.trace.intent).toBe(name);
      expect(reply.trace.outcome).toBe('answered');
      expect(reply.trace.result).toEqual(expect.any(Object));
      expect(reply.card).toBeDefined();
      expect(cardBytes(reply.card as never)).toBeLessThan(28 * 1024);
      if (lang === 'zh') expect(reply.text).toMatch(/[\u4e00-\u9fff]{2,}/);
      else expect(reply.text.replace(/[\u4e00-\u9fff]+/g, '')).toMatch(/[A-Za-z]{3,}/);
    }
    expect(chinese.text).not.toEqual(english.text);
  });

  const refused = ASKERS[skill.permission].refused;
  if (refused) {
    it(`refuses a role without access (${refused}) and audits it`, async () => {
      const reply = await say(refused, en);
      expect(reply.trace.outcome).toBe('denied');
      expect(await lastAudit()).toMatchObject({ staff_id: refused, intent: name, outcome: 'denied' });
    });
  } else {
    it('is open to everyone, guests included', async () => {
      const reply = await say('visitor-without-role', en);
      expect(reply.trace.outcome).toBe('answered');
    });
  }

  if (isCustomerSkill) {
    it('refuses another relationship manager’s customer without showing it, and audits the id', async () => {
      const reply = await say('S0010', example.en.replace('{c}', 'C000002'));
      expect(reply.trace.outcome).toBe('denied');
      const other = await trained.bank.db.selectFrom('customers').select(['name', 'name_pinyin', 'city']).where('id', '=', 'C000002').executeTakeFirstOrThrow();
      const shown = JSON.stringify(reply.activities);
      for (const secret of [other.name, other.name_pinyin]) expect(shown).not.toContain(secret);
      expect(reply.trace.result).toEqual({ customerId: 'C000002' });
      const row = await lastAudit();
      expect(row).toMatchObject({ staff_id: 'S0010', intent: name, outcome: 'denied' });
      expect(JSON.parse(row.customer_ids)).toEqual(['C000002']);
    });

    it('says clearly when the customer does not exist', async () => {
      const reply = await say('S0010', example.en.replace('{c}', 'C999999'));
      expect(reply.trace.outcome).toBe('not_found');
      expect(reply.text).toMatch(/C999999/);
    });
  }
});
