import type { BankDatabase } from '../../data/database';
import { PortfolioRepository, shiftYears } from '../../data/repositories/portfolio-repository';
import { SegmentRepository } from '../../data/repositories/segment-repository';
import type { SkillServices } from '../../skills/services';
import type { CustomerScope } from '../../data/scope';
import { cardBytes, type AdaptiveCard } from '../../skills/cards';
import { refinePortfolioInput } from '../../skills/portfolio-stats/follow-up';
import { AS_OF } from '../support/fixture-bank';
import { createTestBot } from '../support/test-bot';
import { expectedFigures, loadCustomerFacts, openPortfolioBank, type CustomerFacts, type ExpectedFilters } from './portfolio-stats-bank';

let bank: BankDatabase;
let facts: CustomerFacts[];
let testBot: Awaited<ReturnType<typeof createTestBot>>;

beforeAll(async () => {
  bank = await openPortfolioBank();
  facts = await loadCustomerFacts(bank);
  testBot = await createTestBot(bank);
});
afterAll(async () => {
  await bank.close();
});

const SEGMENTATION = { modelVersion: 'seg-new', segmentIds: [0, 1, 2] };
const scopes: Array<[string, CustomerScope]> = [
  ['whole bank', { kind: 'all' }],
  ['branch B01', { kind: 'branch', branchId: 'B01' }],
  ['portfolio S0011', { kind: 'portfolio', rmId: 'S0011' }],
];
const filterSets: ExpectedFilters[] = [
  {},
  { city: 'Shanghai' },
  { ageMin: 30, ageMax: 50, product: 'credit_card' },
  { ageMin: 30 },
  { ageMax: 29 },
  { minBalance: 400_000, product: 'wealth_management' },
  { churnRisk: 'high', creditRiskBand: 'B' },
  { segment: 1, city: 'Shanghai' },
  { segment: 2, churnRisk: 'low', minBalance: 100_000, ageMin: 40 },
];

describe('figures against the same figures computed independently from the tables', () => {
  describe.each(scopes)('%s', (_label, scope) => {
    it.each(filterSets.map((f) => [JSON.stringify(f), f] as const))('%s', async (_name, f) => {
      const { product, segment, ...rest } = f;
      const figures = await new PortfolioRepository(bank.db).figures({
        scope,
        filters: { ...rest, segmentId: segment } as never,
        asOf: AS_OF,
        product: product as never,
        segmentation: SEGMENTATION,
      });
      const expected = expectedFigures(facts, scope, f);
      expect(figures.customers).toBe(expected.customers);
      expect(figures.totalAssets).toBeCloseTo(expected.totalAssets, 2);
      expect(figures.productHolders).toBe(expected.productHolders);
      expect(figures.churnLevels).toEqual(expected.churnLevels);
      expect(figures.riskBands).toEqual(expected.riskBands);
      expect(figures.segments!.bySegment.map((s) => s.customers)).toEqual(expected.segments);
      expect(figures.segments!.unsegmented).toBe(expected.unsegmented);
    });
  });

  it('covers enough customers that the comparisons mean something', () => {
    const all = expectedFigures(facts, { kind: 'all' }, {});
    expect(all.customers).toBe(306);
    expect(expectedFigures(facts, { kind: 'all' }, { city: 'Shanghai' }).customers).toBeGreaterThan(70);
    expect(expectedFigures(facts, { kind: 'all' }, { churnRisk: 'high', creditRiskBand: 'B' }).customers).toBeGreaterThan(5);
    expect(all.churnLevels.unscored).toBeGreaterThan(30); // unscored and credit-only customers
    expect(all.unsegmented).toBeGreaterThan(20);
  });

  it('counts ages in whole years at the as-of date, birthdays included', async () => {
    const repo = new PortfolioRepository(bank.db);
    const count = async (ageMin: number, ageMax: number) =>
      (await repo.figures({ scope: { kind: 'portfolio', rmId: 'S0010' }, filters: { ageMin, ageMax }, asOf: AS_OF })).customers;
    // C002000 turns 30 on the as-of date (2026-11-01); C002001 turns 30 a day later.
    expect(shiftYears('2026-11-01', -30)).toBe('1996-11-01');
    const at30 = expectedFigures(facts, { kind: 'portfolio', rmId: 'S0010' }, { ageMin: 30, ageMax: 30 });
    expect(at30.ids).toContain('C002000');
    expect(at30.ids).not.toContain('C002001');
    expect(await count(30, 30)).toBe(at30.customers);
    expect(at30.customers).toBeGreaterThan(0);
  });

  it('refuses malformed queries instead of guessing', async () => {
    const repo = new PortfolioRepository(bank.db);
    await expect(repo.figures({ scope: { kind: 'all' }, filters: { ageMin: -1 }, asOf: AS_OF })).rejects.toThrow(/ageMin/);
    await expect(repo.figures({ scope: { kind: 'all' }, filters: { minBalance: Number.NaN }, asOf: AS_OF })).rejects.toThrow(/minBalance/);
    await expect(repo.figures({ scope: { kind: 'all' }, filters: {}, asOf: 'yesterday' })).rejects.toThrow(/asOf/);
    await expect(repo.figures({ scope: { kind: 'all' }, filters: { segmentId: 1 }, asOf: AS_OF })).rejects.toThrow(/segmentation/);
  });

  it('passes hostile text as a parameter, never as SQL', async () => {
    const figures = await new PortfolioRepository(bank.db).figures({ scope: { kind: 'branch', branchId: "B01' or '1'='1" }, filters: { city: "x'; drop table customers;--" }, asOf: AS_OF });
    expect(figures.customers).toBe(0);
    expect((await bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(306);
  });
});

type Result = {
  scope: Record<string, string>;
  filters: Record<string, unknown>;
  customers: number;
  totalAssets: number;
  averageAssets: number;
  productHolders?: { product: string; customers: number; share: number };
  churnLevels: Record<string, number>;
  riskBands: Record<string, number>;
  segments?: Array<{ segmentId: number; name: string; customers: number }>;
  asOf: string;
};

describe('portfolio_stats conversations', () => {
  it.each([
    ['S0010', { kind: 'portfolio', rmId: 'S0010' }, /your portfolio \(S0010\)/],
    ['S0004', { kind: 'branch', branchId: 'B01' }, /branch B01/],
    ['S0005', { kind: 'branch', branchId: 'B02' }, /branch B02/],
    ['S0003', { kind: 'all' }, /the whole bank/],
    ['S0002', { kind: 'all' }, /the whole bank/],
    ['S0001', { kind: 'all' }, /the whole bank/],
  ] as const)('%s asking about "my customers" in Shanghai gets figures for their own scope', async (staffId, scope, label) => {
    const reply = await testBot.conversation(staffId).say('how many of my customers are in Shanghai?');
    expect(reply.trace).toMatchObject({ intent: 'portfolio_stats', outcome: 'answered' });
    const r = reply.trace.result as unknown as Result;
    const expected = expectedFigures(facts, scope, { city: 'Shanghai' });
    expect(r.scope).toEqual(scope);
    expect(r.filters).toEqual({ city: 'Shanghai' });
    expect(r.customers).toBe(expected.customers);
    expect(r.totalAssets).toBeCloseTo(expected.totalAssets, 1);
    expect(r.averageAssets).toBeCloseTo(expected.customers > 0 ? expected.totalAssets / expected.customers : 0, 1);
    expect(r.churnLevels).toEqual(expected.churnLevels);
    expect(r.riskBands).toEqual(expected.riskBands);
    expect(r.asOf).toBe(AS_OF);
    expect(reply.text).toMatch(label);
    expect(reply.text).toContain(expected.customers.toLocaleString('en-US'));
  });

  it('answers an RM about their own portfolio only: no other customer is counted', async () => {
    const reply = await testBot.conversation('S0011').say('portfolio statistics');
    const r = reply.trace.result as unknown as Result;
    const own = facts.filter((c) => c.rm === 'S0011');
    expect(r.customers).toBe(own.length);
    expect(r.totalAssets).toBeCloseTo(own.reduce((s, c) => s + c.assets, 0), 1);
    expect(r.customers).toBeLessThan(facts.length / 2);
  });

  it('counts product holders among the customers asked about, in Chinese', async () => {
    const reply = await testBot.conversation('S0004').say('上海的客户有多少人持有信用卡');
    expect(reply.trace).toMatchObject({ intent: 'portfolio_stats', outcome: 'answered' });
    const r = reply.trace.result as unknown as Result;
    const expected = expectedFigures(facts, { kind: 'branch', branchId: 'B01' }, { city: 'Shanghai', product: 'credit_card' });
    expect(r.customers).toBe(expected.customers);
    expect(r.productHolders).toEqual({ product: 'credit_card', customers: expected.productHolders, share: expected.productHolders! / expected.customers });
    expect(expected.productHolders).toBeGreaterThan(0);
    expect(reply.text).toMatch(/B01 网点/);
    expect(reply.text).toMatch(/持有信用卡/);
    expect(reply.text).toMatch(/城市:上海/);
    expect(reply.text).not.toMatch(/Portfolio statistics|customers/);
  });

  it('shows the segment distribution of the newest segmentation with names in the user language', async () => {
    const en = (await testBot.conversation('S0003').say('portfolio statistics')).trace.result as unknown as Result;
    const expected = expectedFigures(facts, { kind: 'all' }, {});
    expect(en.segments).toEqual([
      { segmentId: 0, name: 'Affluent savers', customers: expected.segments[0] },
      { segmentId: 1, name: 'Young digital spenders', customers: expected.segments[1] },
      { segmentId: 2, name: 'Senior branch-oriented', customers: expected.segments[2] },
      { segmentId: -1, name: 'not segmented', customers: expected.unsegmented },
    ]);
    expect(en.segments!.reduce((s, x) => s + x.customers, 0)).toBe(en.customers);
    const zh = (await testBot.conversation('S0003').say('我的客户有多少')).trace.result as unknown as Result;
    expect(zh.segments!.map((s) => s.name)).toEqual(['高净值储蓄型', '年轻数字化消费型', '银发网点型', '未分群']);
  });

  it('renders headline figures, both distributions, filters, scope and as-of date in the card', async () => {
    const reply = await testBot.conversation('S0010').say('total assets of my customers aged 30 to 50');
    const card = reply.card as unknown as AdaptiveCard;
    const json = JSON.stringify(card);
    const r = reply.trace.result as unknown as Result;
    expect(r.filters).toEqual({ ageMin: 30, ageMax: 50 });
    expect(json).toContain('Portfolio statistics: your portfolio (S0010)');
    expect(json).toContain('aged 30–50');
    expect(json).toContain(`data as of ${AS_OF}`);
    expect(json).toContain('"Total assets"');
    expect(json).toContain('Churn risk');
    expect(json).toContain('Credit risk band');
    expect(card.body.filter((e) => e.type === 'Table')).toHaveLength(3);
    expect(cardBytes(card)).toBeLessThan(28_000);
  });

  it('refines the last figures with a follow-up ("only Beijing", "只看高流失风险的")', async () => {
    const chat = testBot.conversation('S0003');
    await chat.say('how many customers aged 30 to 50 do we have?');
    const refined = await chat.say('only Beijing');
    expect(refined.trace).toMatchObject({ intent: 'portfolio_stats', outcome: 'answered' });
    const r = refined.trace.result as unknown as Result;
    expect(r.filters).toEqual({ ageMin: 30, ageMax: 50, city: 'Beijing' });
    expect(r.customers).toBe(expectedFigures(facts, { kind: 'all' }, { ageMin: 30, ageMax: 50, city: 'Beijing' }).customers);

    const zh = testBot.conversation('S0004');
    await zh.say('我的客户有多少');
    const high = await zh.say('只看高流失风险的');
    expect(high.trace).toMatchObject({ intent: 'portfolio_stats', outcome: 'answered' });
    expect((high.trace.result as unknown as Result).customers).toBe(expectedFigures(facts, { kind: 'branch', branchId: 'B01' }, { churnRisk: 'high' }).customers);
  });

  it('refinement keeps what was asked, replaces what is named, and ignores messages that name no filter', () => {
    const msg = (entities: Record<string, unknown>, kind: 'why' | 'refine' | undefined = 'refine') => ({ kind, text: '', entities, language: 'en' as const });
    expect(refinePortfolioInput({ city: 'Shanghai', ageMin: 30 }, msg({ city: 'Beijing' }))).toEqual({ city: 'Beijing', ageMin: 30 });
    expect(refinePortfolioInput({ ageMin: 30, ageMax: 50 }, msg({ ageMin: 60 }))).toEqual({ ageMin: 60 });
    expect(refinePortfolioInput({ ageMin: 30, ageMax: 50 }, msg({ ageMax: 34 }))).toEqual({ ageMin: 30, ageMax: 34 });
    expect(refinePortfolioInput({ city: 'Shanghai' }, msg({}))).toBeUndefined();
    expect(refinePortfolioInput({ city: 'Shanghai' }, msg({ city: 'Beijing' }, 'why'))).toBeUndefined();
  });

  it('denies guests, says so, and audits it', async () => {
    const reply = await testBot.conversation('guest-user').say('how many of my customers are in Shanghai?');
    expect(reply.trace).toMatchObject({ intent: 'portfolio_stats', outcome: 'denied' });
    expect(reply.text).toMatch(/role doesn't allow/);
    expect(JSON.stringify(reply.activities)).not.toMatch(/Total assets/);
    const rows = await bank.db.selectFrom('audit_log').selectAll().where('staff_id', '=', 'guest-user').execute();
    expect(rows.at(-1)).toMatchObject({ intent: 'portfolio_stats', outcome: 'denied' });
  });

  it('says which segments exist when asked about one that does not', async () => {
    const { portfolioStatsSkill } = await import('../../skills/portfolio-stats');
    const parsed = portfolioStatsSkill.input.parse({ segment: 9 });
    expect(parsed).toEqual({ segment: 9 });
    // The recognizer has no segment entity; the LLM tool schema does. Run the skill as the bot would.
    const reply = await portfolioStatsSkill.run(parsed, {
      principal: { staffId: 'S0003', name: 'Marketing Sun', role: 'marketing', branchId: null },
      language: 'en',
      access: { scope: { kind: 'all' } } as never,
      services: { asOf: AS_OF, portfolio: new PortfolioRepository(bank.db), segments: new SegmentRepository(bank.db) } as unknown as SkillServices,
    });
    expect(reply.outcome).toBe('not_found');
    expect(reply.text).toMatch(/no segment 9.*0 Affluent savers; 1 Young digital spenders; 2 Senior branch-oriented/);
  });
});
