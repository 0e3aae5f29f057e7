import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CITATIONS, type CitationKey } from '../../models/retrieval/citations';
import { formatCitation } from '../../models/retrieval/format-citation';
import { INDEX_FILES } from '../../models/retrieval/index-store';
import { LocalHashEmbeddings } from '../../models/retrieval/local-embeddings';
import { PolicyRetriever } from '../../models/retrieval/policy-retriever';
import { FakeHostedEmbeddings } from './fake-embeddings';

const HANDBOOK = resolve(__dirname, '../../prompts/policy');

describe('PolicyRetriever with a real hnswlib index', () => {
  let work: string;
  let handbookDir: string;
  let indexDir: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'policy-test-'));
    handbookDir = join(work, 'handbook');
    indexDir = join(work, 'index');
    cpSync(HANDBOOK, handbookDir, { recursive: true });
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('builds and persists the index, then reopens it without rebuilding', async () => {
    const first = await PolicyRetriever.open({ handbookDir, indexDir });
    expect(first.rebuilt).toBe(true);
    for (const f of Object.values(INDEX_FILES)) expect(existsSync(join(indexDir, f))).toBe(true);
    const metaBefore = readFileSync(join(indexDir, INDEX_FILES.meta), 'utf8');

    const second = await PolicyRetriever.open({ handbookDir, indexDir });
    expect(second.rebuilt).toBe(false);
    expect(readFileSync(join(indexDir, INDEX_FILES.meta), 'utf8')).toBe(metaBefore);
    // The reopened index answers exactly like the fresh one.
    const q = 'Who approves a CNY 800,000 loan for a band A customer?';
    expect(await second.search(q)).toEqual(await first.search(q));
  });

  it('rebuilds when a handbook file changes', async () => {
    await PolicyRetriever.open({ handbookDir, indexDir });
    appendFileSync(
      join(handbookDir, 'credit-policy.en.md'),
      '\n## 9.1 Zebra lending pilot\n\nLoans to zookeepers for zebra enclosures are capped at CNY 12,345.\n',
    );
    const reopened = await PolicyRetriever.open({ handbookDir, indexDir });
    expect(reopened.rebuilt).toBe(true);
    const [hit] = await reopened.search('zebra enclosure loans for zookeepers');
    expect(hit).toMatchObject({ docId: 'credit-policy', section: '9.1', language: 'en' });
    expect((await PolicyRetriever.open({ handbookDir, indexDir })).rebuilt).toBe(false);
  });

  it('indexes a long section in parts but returns it whole by section id', async () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `Rule ${i}: ${'pilot lending to orchard cooperatives '.repeat(12)}`.trim());
    paragraphs[6] = 'Orchard cooperatives may borrow against pledged apple harvest receipts up to 40 % of value.';
    appendFileSync(join(handbookDir, 'credit-policy.en.md'), `\n## 9.2 Orchard cooperative pilot\n\n${paragraphs.join('\n\n')}\n`);
    const retriever = await PolicyRetriever.open({ handbookDir, indexDir });
    expect(retriever.passageCount).toBeGreaterThan(109);
    const [hit] = await retriever.search('apple harvest receipts pledged', { k: 1 });
    expect(hit).toMatchObject({ docId: 'credit-policy', section: '9.2' });
    expect(hit.text.length).toBeLessThan(paragraphs.join('\n\n').length);
    expect(retriever.section('credit-policy', '9.2', 'en')?.text).toBe(paragraphs.join('\n\n'));
  });

  it('rebuilds when the embedding changes', async () => {
    await PolicyRetriever.open({ handbookDir, indexDir });
    const other = await PolicyRetriever.open({ handbookDir, indexDir, embeddings: new LocalHashEmbeddings({ dimension: 1024 }) });
    expect(other.rebuilt).toBe(true);
    const fake = new FakeHostedEmbeddings();
    const hosted = await PolicyRetriever.open({ handbookDir, indexDir, embeddings: fake });
    expect(hosted.rebuilt).toBe(true);
    expect(fake.calls).toBeGreaterThan(0);
    const reused = await PolicyRetriever.open({ handbookDir, indexDir, embeddings: new FakeHostedEmbeddings() });
    expect(reused.rebuilt).toBe(false);
    expect((await reused.search('contact frequency once per 30 days marketing', { k: 5 })).length).toBe(5);
  });

  it('rebuilds instead of failing when the stored metadata is corrupt', async () => {
    await PolicyRetriever.open({ handbookDir, indexDir });
    appendFileSync(join(indexDir, INDEX_FILES.meta), '}{ not json');
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const reopened = await PolicyRetriever.open({ handbookDir, indexDir });
    expect(reopened.rebuilt).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/unreadable/));
    warn.mockRestore();
  });
});

describe('PolicyRetriever search and citations', () => {
  let work: string;
  let retriever: PolicyRetriever;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'policy-search-'));
    retriever = await PolicyRetriever.open({ handbookDir: HANDBOOK, indexDir: work });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each([
    ['How often can we send marketing to the same customer?', 'marketing-consent', '3.1', 'en'],
    ['Which transactions need a large-value report?', 'aml-policy', '4.1', 'en'],
    ['How is an identity card number masked on screen?', 'data-privacy', '3.1', 'en'],
    ['PSI超过0.25要怎么处理?', 'credit-policy', '5.2', 'zh'],
    ['客户经理能审批多少金额的A级贷款?', 'credit-policy', '3.2', 'zh'],
    ['发现可疑交易要多久上报反洗钱报告负责人?', 'aml-policy', '3.2', 'zh'],
  ])('finds the section for %p', async (question, docId, section, language) => {
    const hits = await retriever.search(question);
    expect(hits.length).toBe(3);
    expect(hits.slice(0, 3).map((h) => `${h.docId} ${h.section}`)).toContain(`${docId} ${section}`);
    expect(hits.every((h) => h.language === language)).toBe(true);
    // Distinct sections, best first.
    expect(new Set(hits.map((h) => `${h.docId} ${h.section}`)).size).toBe(hits.length);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('answers in the requested language, across languages', async () => {
    const [zh] = await retriever.search('maximum debt-to-income ratio by band', { language: 'zh', k: 1 });
    expect(zh).toMatchObject({ docId: 'credit-policy', section: '3.1', language: 'zh', docTitle: '信贷政策' });
    expect(zh.text).toContain('债务收入比');
    const [en] = await retriever.search('勿扰名单上的客户能不能联系', { language: 'en', k: 1 });
    expect(en).toMatchObject({ docId: 'marketing-consent', section: '2.3', language: 'en' });
  });

  it('checks its input', async () => {
    await expect(retriever.search('x', { k: 0 })).rejects.toThrow(/k must be/);
    expect(await retriever.search('   ')).toEqual([]);
  });

  it('looks sections up directly and formats citations in both languages', () => {
    const en = retriever.section('credit-policy', '3.2', 'en');
    expect(en).toMatchObject({ docTitle: 'Credit Policy', heading: 'Approval authority by band and amount', effectiveDate: '2026-01-01' });
    expect(en?.text).toContain('CNY 200,000');
    expect(formatCitation(en!)).toBe('Credit Policy §3.2, effective 2026-01-01');
    const zh = retriever.cite('approvalAuthority', 'zh');
    expect(formatCitation(zh)).toBe('《信贷政策》第3.2节,2026-01-01起生效');
    expect(retriever.section('credit-policy', '99.9', 'en')).toBeUndefined();
  });

  it('resolves every citation key in both languages', () => {
    for (const key of Object.keys(CITATIONS) as CitationKey[]) {
      for (const language of ['en', 'zh'] as const) {
        const p = retriever.cite(key, language);
        expect(p).toMatchObject({ ...CITATIONS[key], language });
        expect(p.text.length).toBeGreaterThan(100);
      }
    }
  });
});
