import type { BankDatabase } from '../../data/database';
import type { PolicyLookup, PolicyPassage } from '../../models/retrieval';
import { policyQaSkill, quotePassage, textUnits, type PolicyAnswerer, type PolicyQaResult } from '../../skills/policy-qa';
import type { SkillContext } from '../../skills/skill';
import { openFixtureBank } from '../support/fixture-bank';
import { testPolicy } from '../support/policy';
import { createTestBot } from '../support/test-bot';

const AML_EN = 'Anti-Money Laundering and Suspicious Transactions Policy';
const AML_ZH = '反洗钱与可疑交易政策';

describe('policy_qa in a conversation (no LLM)', () => {
  let bank: BankDatabase;
  let testBot: Awaited<ReturnType<typeof createTestBot>>;
  beforeAll(async () => {
    bank = await openFixtureBank();
    testBot = await createTestBot(bank);
  });
  afterAll(async () => {
    await bank.close();
  });

  it('quotes the AML policy on the suspicious transaction reporting deadline, with citations, in English', async () => {
    const reply = await testBot.conversation('S0010').say('What is the deadline for reporting a suspicious transaction?');
    expect(reply.trace).toMatchObject({ intent: 'policy_qa', skill: 'policy_qa', outcome: 'answered', recognizer: 'rules' });
    const r = reply.trace.result as PolicyQaResult;
    expect(r.question).toBe('What is the deadline for reporting a suspicious transaction?');
    expect(r.answer).toBeNull();
    expect(r.passages.length).toBeGreaterThanOrEqual(1);
    expect(r.passages.length).toBeLessThanOrEqual(3);
    expect(r.passages.every((p) => p.docId === 'aml-policy')).toBe(true);
    const str = r.passages.find((p) => p.section === '4.2');
    expect(str).toMatchObject({ heading: 'Suspicious transaction reports', effectiveDate: '2025-07-01', citation: `${AML_EN} §4.2, effective 2025-07-01` });
    expect(str!.quote).toMatch(/no later than 5 working days after the suspicion is confirmed/);
    expect(str!.quote.length).toBeLessThanOrEqual(400);
    // The card and the text carry each quote with its citation.
    const card = JSON.stringify(reply.card);
    expect(card).toContain('What the policy says');
    expect(card).toContain(`${AML_EN} §4.2, effective 2025-07-01`);
    expect(reply.text).toContain('no later than 5 working days');
    expect(reply.text).toContain(`(${AML_EN} §4.2, effective 2025-07-01)`);
  });

  it('answers the same question in Chinese from the Chinese text, with Chinese citations', async () => {
    const reply = await testBot.conversation('S0010').say('可疑交易报告要在多久内提交?');
    expect(reply.trace).toMatchObject({ intent: 'policy_qa', outcome: 'answered' });
    const r = reply.trace.result as PolicyQaResult;
    expect(r.passages.every((p) => p.docId === 'aml-policy')).toBe(true);
    const str = r.passages.find((p) => p.section === '4.2');
    expect(str).toMatchObject({ heading: '可疑交易报告', citation: `《${AML_ZH}》第4.2节,2025-07-01起生效` });
    expect(str!.quote).toContain('不迟于确认可疑后5个工作日内');
    expect(str!.quote.length).toBeLessThanOrEqual(180);
    expect(reply.text).toContain('政策手册原文');
    expect(JSON.stringify(reply.card)).toContain('相关政策规定');
  });

  it('is open to people outside the staff directory', async () => {
    const reply = await testBot.conversation('visitor-1').say('who can approve a band C loan of 2m?');
    expect(reply.trace).toMatchObject({ intent: 'policy_qa', outcome: 'answered' });
    const r = reply.trace.result as PolicyQaResult;
    expect(r.passages.map((p) => `${p.docId} §${p.section}`)).toContain('credit-policy §3.2');
  });
});

describe('policy_qa skill', () => {
  let policy: PolicyLookup;
  beforeAll(async () => {
    policy = await testPolicy();
  });
  const context = (language: 'en' | 'zh', extra: Record<string, unknown> = {}) =>
    ({ language, services: { policy, ...extra } }) as unknown as SkillContext;

  it('asks for the question when called without one', async () => {
    for (const input of [{}, { question: '   ' }]) {
      const answer = await policyQaSkill.run(input, context('en'));
      expect(answer.outcome).toBe('clarify');
      expect(answer.result).toMatchObject({ passages: [], missing: 'question' });
      expect(answer.text).toMatch(/What would you like to know about bank policy/);
    }
    expect((await policyQaSkill.run({}, context('zh'))).text).toMatch(/行内政策/);
  });

  it('says so when the handbook has nothing on the question', async () => {
    const answer = await policyQaSkill.run({ question: 'what is the weather in Paris' }, context('en'));
    expect(answer.outcome).toBe('not_found');
    expect(answer.result).toEqual({ question: 'what is the weather in Paris', passages: [], answer: null });
  });

  it('keeps only passages close to the best one', async () => {
    const passage = (section: string, score: number): PolicyPassage => ({
      docId: 'aml-policy', docTitle: AML_EN, section, heading: `H${section}`, effectiveDate: '2025-07-01', language: 'en', text: 'Report within 5 working days.', score,
    });
    const fake = { search: async () => [passage('4.2', 0.8), passage('3.2', 0.5), passage('1.1', 0.2)] } as unknown as PolicyLookup;
    const answer = await policyQaSkill.run({ question: 'deadline' }, { language: 'en', services: { policy: fake } } as unknown as SkillContext);
    expect((answer.result as PolicyQaResult).passages.map((p) => p.section)).toEqual(['4.2', '3.2']);
  });

  it('shows a grounded answer above the quotes when an answerer is available, and passes it the passages it quotes', async () => {
    const seen: Array<{ question: string; sections: string[]; language: string }> = [];
    const policyAnswerer: PolicyAnswerer = async (question, passages, language) => {
      seen.push({ question, sections: passages.map((p) => `${p.docId} §${p.section}`), language });
      return 'An STR is filed no later than 5 working days after the suspicion is confirmed [aml-policy §4.2].';
    };
    const question = 'What is the deadline for reporting a suspicious transaction?';
    const answer = await policyQaSkill.run({ question }, context('en', { policyAnswerer }));
    const r = answer.result as PolicyQaResult;
    expect(r.answer).toBe('An STR is filed no later than 5 working days after the suspicion is confirmed [aml-policy §4.2].');
    expect(seen).toEqual([{ question, sections: r.passages.map((p) => `${p.docId} §${p.section}`), language: 'en' }]);
    const texts = (answer.card.body as Array<{ text?: string }>).map((b) => b.text ?? '');
    const answerAt = texts.findIndex((t) => t.includes('[aml-policy §4.2]'));
    const quotesAt = texts.findIndex((t) => t === 'From the policy handbook');
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(quotesAt);
    expect(answer.text.startsWith(r.answer!)).toBe(true);
  });

  it('answers with the quotes alone when the answerer gives nothing', async () => {
    const answer = await policyQaSkill.run({ question: 'how often may we contact a customer for marketing' }, context('en', { policyAnswerer: async () => undefined }));
    expect(answer.outcome).toBe('answered');
    expect((answer.result as PolicyQaResult).answer).toBeNull();
    expect(JSON.stringify(answer.card)).not.toContain('"Answer"');
  });
});

describe('quoting a passage', () => {
  const text = [
    'This policy applies to all staff. Reports go to the MLRO.',
    '',
    'When the MLRO concludes that a pattern is suspicious, the Bank files a suspicious transaction report no later than 5 working days after the suspicion is confirmed. Terrorist financing is reported immediately.',
    '',
    'There is no minimum amount for an STR. Exit letters must not mention the report.',
  ].join('\n');

  it('picks the sentences that share the rarest terms with the question, in document order', () => {
    const quote = quotePassage(text, 'deadline for filing a suspicious transaction report', { maxChars: 200 });
    expect(quote).toMatch(/^When the MLRO concludes/);
    expect(quote).toContain('5 working days');
    expect(quote).not.toContain('applies to all staff');
  });

  it('stays within the budget, cutting one long sentence at a word', () => {
    const quote = quotePassage(text, 'suspicious transaction report deadline', { maxChars: 60 });
    expect(quote.length).toBeLessThanOrEqual(60);
    expect(quote.endsWith('…')).toBe(true);
  });

  it('quotes the opening when nothing overlaps', () => {
    expect(quotePassage(text, 'zebra', { maxChars: 70 })).toBe('This policy applies to all staff. Reports go to the MLRO.');
  });

  it('reads table rows with their column names and splits Chinese sentences', () => {
    const table = '| Approver | Band C |\n| --- | --- |\n| Branch manager | up to CNY 500,000 |\n| Relationship manager | not allowed |';
    expect(textUnits(table).map((u) => u.text)).toEqual(['Branch manager — Band C: up to CNY 500,000', 'Relationship manager — Band C: not allowed']);
    expect(quotePassage(table, 'can a branch manager approve band C', { maxChars: 200 })).toContain('Branch manager — Band C: up to CNY 500,000');
    expect(textUnits('第一句。第二句!第三句').map((u) => u.text)).toEqual(['第一句。', '第二句!第三句']);
  });

  it('refuses a budget too small to quote anything', () => {
    expect(() => quotePassage(text, 'x', { maxChars: 5 })).toThrow(/maxChars/);
  });
});
