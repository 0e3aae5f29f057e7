import { openTrainedBank } from '../support/trained-bank';
import { createTestBot } from '../support/test-bot';

let trained: Awaited<ReturnType<typeof openTrainedBank>>;
let testBot: Awaited<ReturnType<typeof createTestBot>>;

beforeAll(async () => {
  trained = await openTrainedBank();
  testBot = await createTestBot(trained.bank, { models: trained.models });
});
afterAll(async () => {
  await trained.close();
});

async function storedScores(customerId: string) {
  const rows = await trained.bank.db
    .selectFrom('customer_scores' as never)
    .selectAll()
    .where('customer_id' as never, '=', customerId as never)
    .execute();
  return rows[0] as unknown as { credit_score: number; credit_band: string; pd: number; churn_probability: number; churn_level: string };
}

describe('credit_risk', () => {
  it('gives score, band and PD that agree with the stored batch scores, with reasons and the credit policy cited', async () => {
    const reply = await testBot.conversation('S0010').say('what is the credit risk of C000001?');
    expect(reply.trace).toMatchObject({ intent: 'credit_risk', outcome: 'answered' });
    const r = reply.trace.result as Record<string, any>;
    const stored = await storedScores('C000001');
    expect(r.band).toBe(stored.credit_band);
    expect(Math.abs(r.score - stored.credit_score)).toBeLessThanOrEqual(1);
    expect(r.pd).toBeCloseTo(stored.pd, 3);
    expect(r.pd).toBeGreaterThanOrEqual(r.bandPdRange.min);
    expect(r.pd).toBeLessThan(r.bandPdRange.max + 1e-9);
    expect(r.reasons.length).toBeLessThanOrEqual(3);
    for (const reason of r.reasons) expect(reason.lostPoints).toBeGreaterThan(0);
    expect(r.policy.map((p: any) => p.key)).toEqual(['creditBandPolicy', 'approvalAuthority']);
    expect(r.policy[0].citation).toMatch(/Credit Policy §2\.1/);
    expect(r.modelVersion).toBeGreaterThanOrEqual(1);
    expect(r.breakdown).toBeUndefined();
  });

  it('answers "why?" with the full breakdown whose lost points match the reasons', async () => {
    const chat = testBot.conversation('S0010');
    const first = await chat.say('credit score for C000001');
    const why = await chat.say('why?');
    expect(why.trace).toMatchObject({ intent: 'credit_risk', outcome: 'answered' });
    const r = why.trace.result as Record<string, any>;
    expect(r.breakdown.length).toBeGreaterThan(3);
    const topLost = [...r.breakdown].sort((a: any, b: any) => b.lostPoints - a.lostPoints).slice(0, (first.trace.result as any).reasons.length);
    expect(topLost.map((b: any) => b.feature)).toEqual((first.trace.result as any).reasons.map((x: any) => x.feature));
    for (const b of r.breakdown) expect(b.points).toBeLessThanOrEqual(b.maxPoints + 1e-9);
  });

  it('answers in Chinese with Chinese reason texts', async () => {
    const reply = await testBot.conversation('S0010').say('C000001 的信用风险怎么样');
    expect(reply.trace.intent).toBe('credit_risk');
    expect(reply.text).toMatch(/信用评分/);
    expect((reply.trace.result as any).policy[0].citation).toMatch(/《信贷政策》/);
  });
});

describe('churn_risk', () => {
  it('gives probability and level that agree with the stored scores, drivers from the model and playbook actions', async () => {
    const reply = await testBot.conversation('S0010').say('is C000001 likely to leave?');
    expect(reply.trace).toMatchObject({ intent: 'churn_risk', outcome: 'answered' });
    const r = reply.trace.result as Record<string, any>;
    const stored = await storedScores('C000001');
    expect(r.probability).toBeCloseTo(stored.churn_probability, 3);
    expect(r.level).toBe(stored.churn_level);
    for (const d of r.drivers) expect(d.contribution).toBeGreaterThan(0);
    expect(r.retentionActions.length).toBeGreaterThanOrEqual(1);
    for (const a of r.retentionActions) expect(a.docId).toBe('retention-playbook');
  });

  it('follows up on the last customer: "和他的流失风险呢" after a profile', async () => {
    const chat = testBot.conversation('S0010');
    await chat.say('C000001 的客户画像');
    const reply = await chat.say('和他的流失风险呢');
    expect(reply.trace).toMatchObject({ intent: 'churn_risk', outcome: 'answered', result: { customerId: 'C000001' } });
    expect(reply.text).toMatch(/流失风险/);
  });
});

describe('model_info', () => {
  it('shows the churn model card with the registry metrics and PSI drift bands', async () => {
    const reply = await testBot.conversation('S0003').say('how good is the churn model?');
    expect(reply.trace).toMatchObject({ intent: 'model_info', outcome: 'answered' });
    const r = reply.trace.result as Record<string, any>;
    expect(r.model).toBe('churn_gbdt');
    expect(r.version).toBe(trained.models.churn!.record.version);
    expect(r.metrics.rocAuc).toBeCloseTo(trained.models.churn!.record.metrics.rocAuc, 6);
    expect(r.drift.features.length).toBeGreaterThan(0);
    for (const f of r.drift.features) {
      expect(f.psi).toBeGreaterThanOrEqual(0);
      expect(f.band).toBe(f.psi < 0.1 ? 'stable' : f.psi < 0.25 ? 'moderate' : 'act');
    }
    expect(r.policy[0].key).toBe('modelMonitoring');
  });

  it('lists every model when none is named, in Chinese too', async () => {
    const reply = await testBot.conversation('S0002').say('模型的版本和指标');
    expect(reply.trace.intent).toBe('model_info');
    const r = reply.trace.result as Record<string, any>;
    expect(r.models.map((m: any) => m.model)).toEqual(expect.arrayContaining(['credit_scorecard', 'churn_gbdt']));
    expect(reply.text).toMatch(/模型/);
  });
});

describe('customer_segment', () => {
  it('names the stored segment and compares the customer with its profile', async () => {
    const reply = await testBot.conversation('S0010').say('which segment is C000001 in?');
    expect(reply.trace).toMatchObject({ intent: 'customer_segment', outcome: 'answered' });
    const r = reply.trace.result as Record<string, any>;
    const stored = await trained.bank.db
      .selectFrom('customer_segments' as never)
      .selectAll()
      .where('customer_id' as never, '=', 'C000001' as never)
      .executeTakeFirstOrThrow();
    expect(r.segmentId).toBe(Number((stored as any).segment_id));
    expect(r.modelVersion).toBe((stored as any).model_version);
    expect(r.segmentName).toBeTruthy();
    expect(r.comparison.map((c: any) => c.key)).toEqual(['age', 'totalAssets', 'products', 'digitalShare', 'crossBorderShare', 'transactionsPerMonth']);
    const zh = await testBot.conversation('S0010').say('C000001 属于哪个客群');
    expect(zh.trace.intent).toBe('customer_segment');
    expect(zh.text).toMatch(/客群/);
  });
});
