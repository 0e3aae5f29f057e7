import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { createBuiltInRecognizer } from '../../bot/built-in-recognizer';
import { createLlmRecognizer, loadLlmPrompts } from '../../bot/llm';
import type { Logger } from '../../bot/logger';
import type { BankDatabase } from '../../data/database';
import { createSkillRegistry } from '../../skills';
import { openFixtureBank } from '../support/fixture-bank';
import { createTestBot } from '../support/test-bot';
import { capturingLogger, HangingChatModel } from './fake-chat-models';

const prompts = loadLlmPrompts();

function llmRecognizer(model: Parameters<typeof createLlmRecognizer>[0]['model'], logger: Logger, timeoutMs = 2_000) {
  return createLlmRecognizer({
    model,
    fallback: createBuiltInRecognizer(),
    skills: createSkillRegistry(),
    timeoutMs,
    logger,
    systemPrompt: prompts.system,
  });
}

let bank: BankDatabase;
beforeEach(async () => {
  bank = await openFixtureBank();
});
afterEach(async () => {
  await bank.close();
});

async function lastAuditRow() {
  const rows = await bank.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  return rows[rows.length - 1]!;
}

describe('LLM recognizer in a conversation', () => {
  it('turns a tool call into the skill run: customer_profile for C000001 answers with the profile', async () => {
    const model = fakeModel().respondWithTools([{ name: 'customer_profile', args: { customerId: 'C000001' } }]);
    const { logger, lines } = capturingLogger();
    const testBot = await createTestBot(bank, { recognizer: llmRecognizer(model, logger) });

    const reply = await testBot.conversation('S0010').say('who is this client, the one with id one?');

    expect(reply.trace).toMatchObject({ intent: 'customer_profile', recognizer: 'llm', confidence: 1, outcome: 'answered', entities: { customerId: 'C000001' } });
    expect(reply.trace.result).toMatchObject({ customerId: 'C000001' });
    expect(reply.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
    // The model saw the system prompt and the user's message only, and was offered the skills as tools.
    expect(model.callCount).toBe(1);
    const [system, user] = model.calls[0]!.messages;
    expect(system!.text).toBe(prompts.system);
    expect(user!.text).toBe('who is this client, the one with id one?');
    expect((await lastAuditRow()).recognizer).toBe('llm');
  });

  it('denies a tool call for a customer outside the user scope, and audits it', async () => {
    const model = fakeModel().respondWithTools([{ name: 'customer_profile', args: { customerId: 'C000004' } }]);
    const testBot = await createTestBot(bank, { recognizer: llmRecognizer(model, capturingLogger().logger) });

    const reply = await testBot.conversation('S0010').say('show me the Beijing Wang Wei');

    expect(reply.trace).toMatchObject({ intent: 'customer_profile', recognizer: 'llm', outcome: 'denied' });
    expect(JSON.stringify(reply.card)).not.toMatch(/77,?000/);
    const row = await lastAuditRow();
    expect(row).toMatchObject({ staff_id: 'S0010', intent: 'customer_profile', recognizer: 'llm', outcome: 'denied' });
    expect(JSON.parse(row.customer_ids)).toEqual(['C000004']);
  });

  it('falls back to the built-in recognizer when the model does not answer in time', async () => {
    const model = new HangingChatModel();
    const { logger, lines } = capturingLogger();
    const testBot = await createTestBot(bank, { recognizer: llmRecognizer(model, logger, 60) });

    const started = Date.now();
    const reply = await testBot.conversation('S0010').say('tell me about C000001');

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply.trace).toMatchObject({ intent: 'customer_profile', recognizer: 'rules', outcome: 'answered', result: { customerId: 'C000001' } });
    expect(model.calls).toBe(1);
    expect(model.aborted).toBe(1); // the hung request is cancelled, not left running
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'timeout' }) }));
    expect((await lastAuditRow()).recognizer).toBe('rules');
  });

  it('falls back the same way when the model fails (rate limit 429)', async () => {
    const rateLimited = Object.assign(new Error('429 Rate limit reached for requests'), { status: 429 });
    const model = fakeModel().alwaysThrow(rateLimited);
    const { logger, lines } = capturingLogger();
    const testBot = await createTestBot(bank, { recognizer: llmRecognizer(model, logger) });

    const reply = await testBot.conversation('S0010').say('C000001 的客户画像');

    expect(reply.trace).toMatchObject({ intent: 'customer_profile', recognizer: 'rules', outcome: 'answered', result: { customerId: 'C000001' } });
    expect(reply.text).toMatch(/[\u4e00-\u9fff]/);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'rate_limit' }) }));
  });
});

describe('LLM recognizer replies', () => {
  const recognize = async (model: ReturnType<typeof fakeModel>, text: string) => {
    const { logger, lines } = capturingLogger();
    const understanding = await llmRecognizer(model, logger).recognize(text);
    return { understanding, warnings: lines.filter((l) => l.level === 'warn') };
  };

  it('reads customer numbers as staff type them and keeps only the entities that were said', async () => {
    const model = fakeModel().respondWithTools([{ name: 'customer_profile', args: { customerId: 'c12', customerName: null } }]);
    const { understanding, warnings } = await recognize(model, 'profile of c12');
    expect(understanding).toEqual({ intent: 'customer_profile', confidence: 1, entities: { customerId: 'C000012' }, language: 'en', recognizer: 'llm' });
    expect(warnings).toEqual([]);
  });

  it('sends the message without contact details', async () => {
    const model = fakeModel().respondWithTools([{ name: 'customer_profile', args: { customerName: '王伟' } }]);
    const { understanding } = await recognize(model, '王伟 phone 13812345678 wang.wei@example.com 的画像');
    expect(understanding).toMatchObject({ intent: 'customer_profile', entities: { customerName: '王伟' }, language: 'zh' });
    expect(model.calls[0]!.messages[1]!.text).toBe('王伟 phone 138****5678 w***@example.com 的画像');
  });

  it('answers none (still from the LLM) when the model calls no tool', async () => {
    const model = fakeModel().respond(new AIMessage('NONE'));
    const { understanding } = await recognize(model, '今天天气怎么样');
    expect(understanding).toMatchObject({ intent: 'none', recognizer: 'llm', language: 'zh', entities: {} });
  });

  it('passes the policy question through the skill schema and gives the bot no extra entities', async () => {
    const model = fakeModel().respondWithTools([{ name: 'policy_qa', args: { question: 'STR deadline?' } }]);
    const { understanding } = await recognize(model, 'how soon must we file an STR?');
    expect(understanding).toMatchObject({ intent: 'policy_qa', recognizer: 'llm', entities: {} });
  });

  it.each([
    ['a tool that is not a skill', { name: 'run_sql', args: { sql: 'DELETE FROM customers' } }],
    ['arguments the skill schema rejects', { name: 'customer_profile', args: { customerId: 'ABC-1' } }],
    ['an entity of the wrong type', { name: 'customer_profile', args: { customerName: 42 } }],
  ])('falls back to the rules on %s', async (_label, call) => {
    const model = fakeModel().respondWithTools([call]);
    const { understanding, warnings } = await recognize(model, 'tell me about C000003');
    expect(understanding).toMatchObject({ intent: 'customer_profile', recognizer: 'rules', entities: { customerId: 'C000003' } });
    expect(warnings).toEqual([expect.objectContaining({ fields: expect.objectContaining({ reason: 'invalid_reply' }) })]);
  });

  it('takes the first tool when the model proposes several, and says so in the log', async () => {
    const model = fakeModel().respondWithTools([
      { name: 'customer_profile', args: { customerId: 'C000002' } },
      { name: 'help', args: {} },
    ]);
    const { understanding, warnings } = await recognize(model, 'C000002 please');
    expect(understanding).toMatchObject({ intent: 'customer_profile', entities: { customerId: 'C000002' }, recognizer: 'llm' });
    expect(warnings).toHaveLength(1);
  });

  it('offers every skill as a tool whose schema is the skill input schema itself', () => {
    const model = fakeModel();
    const bindTools = jest.spyOn(model, 'bindTools');
    llmRecognizer(model, capturingLogger().logger);
    const skills = createSkillRegistry().all();
    const tools = bindTools.mock.calls[0]![0] as Array<{ name: string; description: string; schema: unknown }>;
    expect(tools.map((t) => t.name)).toEqual(skills.map((s) => s.name));
    tools.forEach((tool, i) => {
      expect(tool.schema).toBe(skills[i]!.input);
      expect(tool.description).toBe(skills[i]!.description);
    });
    // Definitions only: nothing the model could make the bot execute directly.
    expect(tools.every((t) => !('invoke' in t) && !('func' in t))).toBe(true);
  });

  it('refuses a chat model without tool calling at start-up', () => {
    const model = fakeModel();
    Object.defineProperty(model, 'bindTools', { value: undefined });
    expect(() => llmRecognizer(model, capturingLogger().logger)).toThrow(/does not support tool calling/);
  });
});
