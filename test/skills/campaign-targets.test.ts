import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { CampaignRepository } from '../../data/repositories/campaign-repository';
import type { CustomerScope } from '../../data/scope';
import { PRODUCTS, type ProductCode } from '../../data/vocabulary';
import { cardBytes, type AdaptiveCard } from '../../skills/cards';
import { buildCampaignList } from '../../skills/campaign-targets';
import { toQuery } from '../../skills/campaign-targets/list';
import type { CampaignTargetsInput } from '../../skills/campaign-targets/input';
import { AS_OF } from '../support/fixture-bank';
import { createTestBot } from '../support/test-bot';
import { expectedCampaignList, loadFacts, openCampaignBank, type Facts } from './campaign-targets-fixture';

let bank: BankDatabase;
let testBot: Awaited<ReturnType<typeof createTestBot>>;

beforeAll(async () => {
  bank = await openCampaignBank();
  testBot = await createTestBot(bank);
});
afterAll(async () => {
  await bank.close();
});

const scopes: Array<[string, CustomerScope]> = [
  ['whole bank', { kind: 'all' }],
  ['branch B01', { kind: 'branch', branchId: 'B01' }],
  ['portfolio S0011', { kind: 'portfolio', rmId: 'S0011' }],
];
const inputs: Array<CampaignTargetsInput & { product: ProductCode }> = [
  { product: 'credit_card' },
  { product: 'wealth_management', city: 'Shanghai', ageMin: 30, ageMax: 50 },
  { product: 'mortgage', minBalance: 150_000, excludeChurnRisk: ['high'] },
  { product: 'term_deposit', churnRisk: 'low', creditRiskBand: 'B' },
  { product: 'personal_loan', segment: 2, ageMax: 45 },
  { product: 'sme_loan', segment: 'Affluent savers' },
];

describe('campaign lists against the rules computed independently', () => {
  let facts: Facts[];
  beforeAll(async () => {
    facts = await loadFacts(bank);
  });

  describe.each(scopes)('%s', (_label, scope) => {
    it.each(inputs.map((i) => [JSON.stringify(i), i] as const))('%s', async (_name, input) => {
      const repo = new CampaignRepository(bank.db);
      const out = await buildCampaignList(repo, scope, input, { asOf: AS_OF, language: 'en', maxRows: 1000 });
      if (out.kind !== 'list') throw new Error('expected a list');
      const list = out.list;
      const segmentId = typeof input.segment === 'string' ? 0 : input.segment;
      const expected = expectedCampaignList(facts, scope, { ...input, segment: segmentId });
      expect(list.rows.map((r) => r.customerId)).toEqual(expected.ids);
      // Both ways of finding the list give the same customers in the same order.
      const segment = input.segment === undefined ? undefined : await repo.findSegment(input.segment);
      for (const plan of ['score-order', 'population'] as const) {
        const direct = await repo.topCandidates(toQuery(input, scope, AS_OF, segment), 1000, plan);
        expect([plan, direct.map((c) => c.customerId)]).toEqual([plan, expected.ids]);
        const top3 = await repo.topCandidates(toQuery(input, scope, AS_OF, segment), 3, plan);
        expect([plan, top3.map((c) => c.customerId)]).toEqual([plan, expected.ids.slice(0, 3)]);
      }
      expect(list.eligible).toBe(expected.eligible);
      expect(list.exclusions).toEqual(expected.counts);
      const counts = expected.counts;
      const removed = Object.values(list.exclusions).reduce((s, n) => s + n, 0);
      expect(list.total + removed).toBe(list.eligible);
      expect(list.total).toBe(expected.ids.length);
      // The fixture gives every rule something to remove on the whole bank.
      if (scope.kind === 'all' && Object.keys(input).length === 1) {
        expect(Object.entries(counts).filter(([k, n]) => n > 0 && (k !== 'riskBand' || PRODUCTS[input.product].isCredit)).length).toBe(PRODUCTS[input.product].isCredit ? 5 : 4);
      }
    });
  });

  it('stops at the requested number, highest score first, with masked phones and reasons', async () => {
    const repo = new CampaignRepository(bank.db);
    const out = await buildCampaignList(repo, { kind: 'all' }, { product: 'credit_card' }, { asOf: AS_OF, language: 'zh', maxRows: 7 });
    if (out.kind !== 'list') throw new Error('expected a list');
    expect(out.list.rows).toHaveLength(7);
    const scores = out.list.rows.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const r of out.list.rows) {
      expect(r.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(r.reason).toBe('工资稳定入账(credit_card)');
    }
    expect(out.list.modelVersion).toBe('propensity_credit_card v3');
    expect(out.list.total).toBeGreaterThan(7);
  });

  it('reports a segment that does not exist instead of an empty list', async () => {
    const out = await buildCampaignList(new CampaignRepository(bank.db), { kind: 'all' }, { product: 'credit_card', segment: 'Nobody' }, { asOf: AS_OF, language: 'en', maxRows: 5 });
    expect(out).toEqual({ kind: 'unknown_segment', segment: 'Nobody' });
  });
});

type Result = {
  product: string; total: number; eligible: number; filters: Record<string, unknown>;
  rows: Array<{ customerId: string; score: number; reason: string }>; exclusions: Record<string, number>; exportUrl?: string; modelVersion: string; asOf: string;
};

describe('campaign_targets through the bot', () => {
  it('answers a marketing analyst over the whole bank, in English, with the compliance counts and citations', async () => {
    const reply = await testBot.conversation('S0003').say('top 15 campaign targets for credit card');
    expect(reply.trace.intent).toBe('campaign_targets');
    expect(reply.trace.outcome).toBe('answered');
    const r = reply.trace.result as unknown as Result;
    expect(r.product).toBe('credit_card');
    expect(r.rows).toHaveLength(15);
    expect(r.asOf).toBe(AS_OF);
    expect(r.modelVersion).toBe('propensity_credit_card v3');
    expect(r.exportUrl).toMatch(/^\/exports\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(r.total + Object.values(r.exclusions).reduce((s, n) => s + n, 0)).toBe(r.eligible);
    expect(reply.text).toContain('No marketing consent');
    expect(reply.text).toMatch(/§2\.1/);
    expect(reply.text).toMatch(/§3\.1/);
    expect(reply.text).not.toMatch(/营销|联系规则/);
    const card = reply.card as unknown as AdaptiveCard;
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Export CSV', url: r.exportUrl })]);
    const json = JSON.stringify(reply.activities);
    expect(json).not.toMatch(/139\d{8}/);
    expect(json).not.toContain('@example.com');
    const audit = await bank.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ staff_id: 'S0003', intent: 'campaign_targets', outcome: 'answered' });
    expect(JSON.parse(audit.customer_ids)).toEqual(r.rows.map((x) => x.customerId));
  });

  it('answers in Chinese, and the card stays under 28 KB even for 1,000 rows', async () => {
    const reply = await testBot.conversation('S0001').say('理财产品的目标客户前1000个');
    expect(reply.trace.outcome).toBe('answered');
    const r = reply.trace.result as unknown as Result;
    expect(r.product).toBe('wealth_management');
    expect(reply.text).toContain('未同意营销');
    expect(reply.text).toContain('理财');
    expect(reply.text).toMatch(/第2\.1节/);
    expect(r.rows.length).toBe(r.total);
    expect(cardBytes(reply.card as unknown as AdaptiveCard)).toBeLessThan(28 * 1024);
    expect((reply.card as unknown as AdaptiveCard).actions).toEqual([expect.objectContaining({ title: '导出 CSV' })]);
  });

  it('refuses a risk officer: outcome denied and an audit row', async () => {
    const reply = await testBot.conversation('S0002').say('campaign targets for credit card');
    expect(reply.trace.intent).toBe('campaign_targets');
    expect(reply.trace.outcome).toBe('denied');
    expect(reply.text).toMatch(/role doesn't allow/);
    const audit = await bank.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ staff_id: 'S0002', role: 'risk_officer', intent: 'campaign_targets', outcome: 'denied', customer_ids: '[]' });
  });

  it('shows a relationship manager only their own customers, and a branch manager only their branch', async () => {
    const owners = new Map((await bank.db.selectFrom('customers').select(['id', 'rm_id', 'branch_id']).execute()).map((c) => [c.id, c]));
    const rm = (await testBot.conversation('S0011').say('top 100 targets for term deposit')).trace.result as unknown as Result;
    expect(rm.rows.length).toBeGreaterThan(5);
    expect(rm.rows.every((x) => owners.get(x.customerId)?.rm_id === 'S0011')).toBe(true);
    const bm = (await testBot.conversation('S0004').say('top 100 targets for term deposit')).trace.result as unknown as Result;
    expect(bm.rows.every((x) => owners.get(x.customerId)?.branch_id === 'B01')).toBe(true);
    expect(new Set(bm.rows.map((x) => owners.get(x.customerId)?.rm_id))).toEqual(new Set(['S0010', 'S0012']));
  });

  it('asks which product, and a click completes the request with the filters said first', async () => {
    const chat = testBot.conversation('S0003');
    const first = await chat.say('campaign list of 25 customers in Shanghai');
    expect(first.trace.outcome).toBe('clarify');
    expect((first.trace.result as { missing: string }).missing).toBe('product');
    expect(first.text).toContain('Which product?');
    const actions = (first.card as unknown as AdaptiveCard).actions!;
    expect(actions).toHaveLength(7);
    expect(actions[2]).toMatchObject({ type: 'Action.Submit', data: { choose: { product: 'mortgage' } } });
    const second = await chat.say('', { choose: { product: 'mortgage' } });
    expect(second.trace.outcome).toBe('answered');
    const r = second.trace.result as unknown as Result;
    expect(r.product).toBe('mortgage');
    expect(r.filters).toMatchObject({ city: 'Shanghai', limit: 25 });
  });

  it('asks "请问是哪个产品?" in Chinese, and naming the product completes it', async () => {
    const chat = testBot.conversation('S0003');
    const first = await chat.say('营销名单');
    expect(first.trace.outcome).toBe('clarify');
    expect(first.text).toContain('请问是哪个产品?');
    const second = await chat.say('信用卡');
    expect(second.trace.intent).toBe('campaign_targets');
    expect((second.trace.result as unknown as Result).product).toBe('credit_card');
    const third = testBot.conversation('S0003');
    await third.say('campaign list');
    const picked = await third.say('2');
    expect((picked.trace.result as unknown as Result).product).toBe('personal_loan');
  });

  it('refines the last list: only Shanghai, exclude high churn, top 50 instead, export it', async () => {
    const churn = new Map((await sql<{ customer_id: string; churn_level: string }>`select customer_id, churn_level from customer_scores`.execute(bank.db)).rows.map((r) => [r.customer_id, r.churn_level]));
    const cities = new Map((await bank.db.selectFrom('customers').select(['id', 'city']).execute()).map((c) => [c.id, c.city]));
    const chat = testBot.conversation('S0003');
    const steps: Array<[string, (r: Result) => void]> = [
      ['campaign targets for wealth management', (r) => expect(r.rows).toHaveLength(20)],
      ['only Shanghai', (r) => {
        expect(r.filters).toMatchObject({ city: 'Shanghai' });
        expect(r.rows.every((x) => cities.get(x.customerId) === 'Shanghai')).toBe(true);
      }],
      ['exclude high churn', (r) => {
        expect(r.filters).toMatchObject({ city: 'Shanghai', excludeChurnRisk: ['high'] });
        expect(r.filters.churnRisk).toBeUndefined();
        expect(r.rows.some((x) => churn.get(x.customerId) === 'high')).toBe(false);
        expect(r.rows.length).toBeGreaterThan(0);
      }],
      ['top 50 instead', (r) => {
        expect(r.filters).toMatchObject({ city: 'Shanghai', excludeChurnRisk: ['high'], limit: 50 });
        expect(r.rows.length).toBe(Math.min(50, r.total));
      }],
      ['export it', (r) => {
        expect(r.filters).toMatchObject({ city: 'Shanghai', limit: 50 });
        expect(r.exportUrl).toMatch(/^\/exports\//);
      }],
    ];
    for (const [message, check] of steps) {
      const reply = await chat.say(message);
      expect([message, reply.trace.intent, reply.trace.outcome]).toEqual([message, 'campaign_targets', 'answered']);
      check(reply.trace.result as unknown as Result);
    }
    const exported = await chat.say('only high churn');
    expect((exported.trace.result as unknown as Result).filters).toMatchObject({ churnRisk: 'high' });
    expect((exported.trace.result as unknown as Result).filters.excludeChurnRisk).toBeUndefined();
  });

  it('"只要上海的" and "导出" work in Chinese, and the export answer leads with the link', async () => {
    const chat = testBot.conversation('S0004');
    await chat.say('信用卡营销名单');
    const only = await chat.say('只要上海的');
    expect((only.trace.result as unknown as Result).filters).toMatchObject({ city: 'Shanghai' });
    const exp = await chat.say('导出');
    expect(exp.trace.outcome).toBe('answered');
    expect(exp.text).toMatch(/导出:\d+ 行 CSV/);
    expect(exp.text).toContain('/exports/');
  });
});

describe('customer_balances summary', () => {
  it('holds each customer’s active asset balances and follows a refresh', async () => {
    const { refreshCampaignBalances } = await import('../../data/repositories/campaign-repository');
    const written = await refreshCampaignBalances(bank.db, AS_OF);
    const withAssets = await sql<{ n: number }>`select count(distinct customer_id) as n from accounts where status = 'active' and product in ('current_account', 'savings_account', 'wealth_management', 'term_deposit')`.execute(bank.db);
    expect(written).toBe(Number(withAssets.rows[0]!.n));
    const one = await sql<{ total_assets: number }>`select total_assets from customer_balances where customer_id = 'C000001'`.execute(bank.db);
    expect(one.rows[0]!.total_assets).toBe(352000); // current 52,000 + wealth management 300,000; the credit card is borrowing
    await bank.db.insertInto('accounts').values({ id: 'A9999999', customer_id: 'C000001', product: 'term_deposit', opened_date: '2026-10-30', closed_date: null, status: 'active', balance: 48000, credit_limit: null }).execute();
    try {
      // A balance-filtered query notices the new account and rebuilds the summary itself.
      await new CampaignRepository(bank.db).exclusionCounts(toQuery({ product: 'mortgage', minBalance: 1 }, { kind: 'all' }, AS_OF));
      const again = await sql<{ total_assets: number }>`select total_assets from customer_balances where customer_id = 'C000001'`.execute(bank.db);
      expect(again.rows[0]!.total_assets).toBe(400000);
    } finally {
      await bank.db.deleteFrom('accounts').where('id', '=', 'A9999999').execute();
      await refreshCampaignBalances(bank.db, AS_OF);
    }
  });
});
