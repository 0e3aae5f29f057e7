import { AzureOpenAIEmbeddings, OpenAIEmbeddings } from '@langchain/openai';
import { createEmbeddings, describeEmbeddings } from '../../models/retrieval/embeddings-factory';
import { LocalHashEmbeddings } from '../../models/retrieval/local-embeddings';
import { DEFAULT_TOKENIZE_OPTIONS, detectLanguage, stem, tokenize } from '../../models/retrieval/tokenize';
import { FakeHostedEmbeddings } from './fake-embeddings';

const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe('tokenize', () => {
  it('stems English words so inflections meet', () => {
    expect(stem('approvals')).toBe(stem('approve'));
    expect(stem('approved')).toBe(stem('approve'));
    expect(stem('flagged')).toBe(stem('flag'));
    expect(stem('policies')).toBe('policy');
    expect(stem('charges')).toBe(stem('charge'));
  });

  it('makes Chinese character unigrams and bigrams and English words with bigrams', () => {
    const terms = tokenize('审批权限 approval authority').map((t) => t.term);
    expect(terms).toEqual(
      expect.arrayContaining(['c:审', 'c:批', 'cc:审批', 'cc:批权', 'cc:权限', 'w:approval'.replace('approval', stem('approval')), `b:${stem('approval')}_${stem('authority')}`]),
    );
    // Stop words are dropped.
    expect(tokenize('the of and').length).toBe(0);
  });

  it('folds thousands separators and full-width characters', () => {
    expect(tokenize('CNY 200,000').map((t) => t.term)).toContain('w:200000');
    expect(tokenize('ＤＴＩ').map((t) => t.term)).toContain('w:dti');
  });

  it('detects the query language', () => {
    expect(detectLanguage('客户经理最多能批多少?')).toBe('zh');
    expect(detectLanguage('PSI阈值是多少')).toBe('zh');
    expect(detectLanguage('What is the PSI threshold?')).toBe('en');
  });
});

describe('LocalHashEmbeddings', () => {
  const corpus = ['credit approval authority by band', '审批权限与风险等级', 'contact frequency once per 30 days', '营销联系频率'];

  it('is deterministic and L2-normalised', async () => {
    const a = new LocalHashEmbeddings({ dimension: 1024 }).fit(corpus);
    const b = new LocalHashEmbeddings({ dimension: 1024 }).fit(corpus);
    const [va] = await a.embedDocuments(['Who approves a band C loan? 谁审批?']);
    const vb = await b.embedQuery('Who approves a band C loan? 谁审批?');
    expect(va).toHaveLength(1024);
    expect(va).toEqual(vb);
    expect(norm(va)).toBeCloseTo(1, 10);
  });

  it('gives the zero vector for text without terms', async () => {
    const v = await new LocalHashEmbeddings().embedQuery('  ?? ');
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it('places related texts closer than unrelated ones, in both languages', () => {
    const e = new LocalHashEmbeddings().fit(corpus);
    const q = e.embedText('approval authority');
    expect(dot(q, e.embedText(corpus[0]))).toBeGreaterThan(dot(q, e.embedText(corpus[2])) + 0.2);
    const z = e.embedText('审批权限');
    expect(dot(z, e.embedText(corpus[1]))).toBeGreaterThan(dot(z, e.embedText(corpus[3])) + 0.2);
  });

  it('weighs rare terms above common ones after fitting', () => {
    const e = new LocalHashEmbeddings().fit(['band a', 'band b', 'band c', 'collateral band']);
    const state = e.toJSON();
    expect(state.idf[`w:${stem('collateral')}`]).toBeGreaterThan(state.idf['w:band']);
  });

  it('round-trips through JSON with identical vectors', () => {
    const e = new LocalHashEmbeddings({ dimension: 512 }).fit(corpus);
    const copy = LocalHashEmbeddings.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
    expect(copy.embedText('联系频率 contact')).toEqual(e.embedText('联系频率 contact'));
    expect(copy.fingerprint()).toBe(e.fingerprint());
  });

  it('rejects a bad dimension', () => {
    expect(() => new LocalHashEmbeddings({ dimension: 10 })).toThrow(/dimension/);
  });
});

describe('createEmbeddings', () => {
  it('defaults to the local embedding', () => {
    expect(createEmbeddings()).toBeInstanceOf(LocalHashEmbeddings);
    expect((createEmbeddings({ provider: 'local', dimension: 4096 }) as LocalHashEmbeddings).options.dimension).toBe(4096);
  });

  it('builds OpenAI and Azure OpenAI clients without calling the network', () => {
    const openai = createEmbeddings({ provider: 'openai', apiKey: 'sk-test', model: 'text-embedding-3-small', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(openai).toBeInstanceOf(OpenAIEmbeddings);
    expect(describeEmbeddings(openai)).toBe('OpenAIEmbeddings:model=text-embedding-3-small');
    const azure = createEmbeddings({ provider: 'azure', apiKey: 'k', endpoint: 'https://example.openai.azure.com/', deploymentName: 'emb' });
    expect(azure).toBeInstanceOf(AzureOpenAIEmbeddings);
    expect(describeEmbeddings(azure)).toContain('deployment=emb');
    expect(describeEmbeddings(azure)).not.toContain('k:');
  });

  it('explains what is wrong with a bad config', () => {
    expect(() => createEmbeddings({ provider: 'openai', apiKey: '', model: 'm' })).toThrow(/apiKey/);
    expect(() => createEmbeddings({ provider: 'azure', apiKey: 'k', deploymentName: 'd' })).toThrow(/endpoint/);
  });

  it('describes other embeddings by class and model', () => {
    expect(describeEmbeddings(new FakeHostedEmbeddings('m-1'))).toBe('FakeHostedEmbeddings:model=m-1');
    expect(describeEmbeddings(new LocalHashEmbeddings({ dimension: 1024 }))).toMatch(/^local-hash-tfidf:v1:t1-[0-9a-f]{12}:dim=1024:/);
  });
});

describe('glossary concepts', () => {
  it('gives English and Chinese forms of one concept the same term', () => {
    const en = tokenize('Is this customer on the do-not-contact list?').map((t) => t.term);
    const zh = tokenize('这个客户在勿扰名单上吗').map((t) => t.term);
    expect(en).toContain('g:dnc');
    expect(zh).toContain('g:dnc');
  });

  it('matches whole words, and prefixes only where marked', () => {
    expect(tokenize('She retired last year').map((t) => t.term)).toContain('g:lifeEvent');
    // "cd" is a whole-word form: it must not fire inside another word.
    expect(tokenize('abcd').map((t) => t.term)).not.toContain('g:termDeposit');
    expect(tokenize('a 1-year CD').map((t) => t.term)).toContain('g:termDeposit');
  });

  it('can be switched off', () => {
    const terms = tokenize('do not contact', { ...DEFAULT_TOKENIZE_OPTIONS, conceptWeight: 0 }).map((t) => t.term);
    expect(terms.some((t) => t.startsWith('g:'))).toBe(false);
  });
});
