import { INTENTS, entitiesSchema } from '../../skills/contracts';
import { createRuleRecognizer, loadCorpus, parseCorpus, type RuleRecognizer } from '../../bot/nlu';
import { evaluateRecognizer, stratifiedFolds } from '../../bot/nlu/evaluate';

let recognizer: RuleRecognizer;
beforeAll(() => {
  recognizer = createRuleRecognizer();
});

describe('corpus', () => {
  const train = loadCorpus('train');
  const heldout = loadCorpus('heldout');

  test('every intent has at least 40 training utterances and held-out examples', () => {
    for (const intent of INTENTS) {
      expect(train.filter((u) => u.intent === intent).length).toBeGreaterThanOrEqual(40);
      expect(heldout.filter((u) => u.intent === intent).length).toBeGreaterThanOrEqual(10);
    }
  });

  test('held-out is about a quarter of the data and shares no utterance with train', () => {
    const share = heldout.length / (heldout.length + train.length);
    expect(share).toBeGreaterThanOrEqual(0.22);
    expect(share).toBeLessThanOrEqual(0.32);
    const trainTexts = new Set(train.map((u) => u.text.toLowerCase()));
    expect(heldout.filter((u) => trainTexts.has(u.text.toLowerCase()))).toEqual([]);
  });

  test('both languages are represented in both splits', () => {
    for (const split of [train, heldout]) {
      const zh = split.filter((u) => /[\u4e00-\u9fff]/.test(u.text)).length;
      expect(zh / split.length).toBeGreaterThan(0.3);
      expect(zh / split.length).toBeLessThan(0.7);
    }
  });

  test('a malformed line is reported with its line number', () => {
    expect(() => parseCorpus('{"text":"hi","intent":"none","entities":{}}\n{"text":"x","intent":"nope","entities":{}}', 'c.jsonl')).toThrow(/c\.jsonl:2/);
    expect(() => parseCorpus('{"text":"hi","intent":"none","entities":{"customerId":"123"}}', 'c.jsonl')).toThrow(/customerId/);
  });
});

describe('held-out quality', () => {
  const heldout = loadCorpus('heldout');

  test('intent accuracy and entity exact match are at least 95% in each language', () => {
    const report = evaluateRecognizer(recognizer, heldout);
    for (const lang of ['en', 'zh'] as const) {
      const t = report.byLanguage[lang];
      expect(t.n).toBeGreaterThan(50);
      expect(t.intentCorrect / t.n).toBeGreaterThanOrEqual(0.95);
      expect(t.entityExact / t.n).toBeGreaterThanOrEqual(0.95);
    }
  });

  test('cross-validated accuracy on the training split stays above 90%', () => {
    const folds = stratifiedFolds(loadCorpus('train'), 4);
    let correct = 0;
    let n = 0;
    folds.forEach((test, i) => {
      const r = evaluateRecognizer(createRuleRecognizer({ train: folds.filter((_, j) => j !== i).flat() }), test);
      correct += r.overall.intentCorrect;
      n += r.overall.n;
    });
    expect(correct / n).toBeGreaterThan(0.9);
  });
});

describe('recognize', () => {
  test.each([
    ['<at>Bank Copilot</at> tell me about c123', 'customer_profile', 'en', { customerId: 'C000123' }],
    ['王伟的客户画像', 'customer_profile', 'zh', { customerName: '王伟' }],
    ['what is the credit score of C000456?', 'credit_risk', 'en', { customerId: 'C000456' }],
    ['客户789会流失吗', 'churn_risk', 'zh', { customerId: 'C000789' }],
    ['which segment is c5 in', 'customer_segment', 'en', { customerId: 'C000005' }],
    ['所有分群概览', 'segment_overview', 'zh', {}],
    ['top 25 customers for credit card in Shanghai', 'campaign_targets', 'en', { limit: 25, product: 'credit_card', city: 'Shanghai' }],
    ['unusual transactions in my portfolio this week', 'transaction_anomalies', 'en', { days: 7 }],
    ['勿扰名单上的客户可以打电话吗', 'policy_qa', 'zh', {}],
    ['how many customers do I have in Beijing', 'portfolio_stats', 'en', { city: 'Beijing' }],
    ['流失模型的版本', 'model_info', 'zh', {}],
    ['help', 'help', 'en', {}],
  ])('%s -> %s', (text, intent, language, entities) => {
    const r = recognizer.recognize(text);
    expect(r.intent).toBe(intent);
    expect(r.language).toBe(language);
    expect(r.entities).toEqual(entities);
    expect(entitiesSchema.safeParse(r.entities).success).toBe(true);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.suggestions).toBeUndefined();
  });

  test('small talk is none, with suggestions in the user language', () => {
    const en = recognizer.recognize('thanks!');
    expect(en.intent).toBe('none');
    expect(en.suggestions?.length).toBeGreaterThan(2);
    expect(en.suggestions?.every((s) => !/[\u4e00-\u9fff]/.test(s))).toBe(true);
    const zh = recognizer.recognize('谢谢');
    expect(zh.intent).toBe('none');
    expect(zh.suggestions?.every((s) => /[\u4e00-\u9fff]/.test(s))).toBe(true);
  });

  test('below the threshold the answer is none', () => {
    const strict = createRuleRecognizer({ threshold: 1 });
    const r = strict.recognize('what is the credit score of c1');
    expect(r.intent).toBe('none');
    expect(r.suggestions).toBeDefined();
    expect(r.alternatives[0]?.intent).toBe('credit_risk');
  });

  test('an empty message or a bare mention is none', () => {
    expect(recognizer.recognize('<at>Bank Copilot</at>').intent).toBe('none');
    expect(recognizer.recognize('   ').intent).toBe('none');
  });

  test('is deterministic across instances', () => {
    const a = createRuleRecognizer({ train: loadCorpus('train') });
    const b = createRuleRecognizer({ train: loadCorpus('train') });
    for (const text of ['who is c1', '理财营销前20名', 'what can you do']) expect(a.recognize(text)).toEqual(b.recognize(text));
  });

  test('is fast: well under 2 ms per message on average', () => {
    const texts = loadCorpus('heldout').map((u) => u.text);
    for (const t of texts) recognizer.recognize(t);
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) for (const t of texts) recognizer.recognize(t);
    const perMessage = (performance.now() - t0) / (3 * texts.length);
    // Generous bound: the test machine may be shared with other jobs.
    expect(perMessage).toBeLessThan(5);
  });

  test('rejects bad input', () => {
    expect(() => recognizer.recognize(undefined as unknown as string)).toThrow(TypeError);
    expect(() => createRuleRecognizer({ threshold: 2 })).toThrow(RangeError);
  });
});
