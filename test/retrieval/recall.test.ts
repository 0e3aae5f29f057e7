import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateRetrieval, loadQuestions } from '../../models/retrieval/evaluate';
import { PolicyRetriever } from '../../models/retrieval/policy-retriever';

const ROOT = resolve(__dirname, '../..');

describe('retrieval quality on the labelled staff questions', () => {
  const questions = loadQuestions(join(__dirname, 'questions.jsonl'));
  let work: string;
  let retriever: PolicyRetriever;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'policy-recall-'));
    retriever = await PolicyRetriever.open({ handbookDir: join(ROOT, 'prompts/policy'), indexDir: work });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has at least 40 questions in each language and a held-out split', () => {
    expect(questions.filter((q) => q.language === 'en').length + questions.filter((q) => q.language === 'zh').length).toBe(questions.length);
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => q.language === 'zh').length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.split === 'holdout').length).toBeGreaterThanOrEqual(10);
  });

  it('every labelled section exists in both languages', () => {
    for (const q of questions) {
      expect(retriever.section(q.docId, q.section, 'en')).toBeDefined();
      expect(retriever.section(q.docId, q.section, 'zh')).toBeDefined();
    }
  });

  it('reaches recall@3 >= 0.9 overall', async () => {
    const report = await evaluateRetrieval(retriever, questions);
    expect(report.overall.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(report.overall.recallAt1).toBeGreaterThanOrEqual(0.7);
    expect(report.byLanguage.en.recallAt3).toBeGreaterThanOrEqual(0.85);
    expect(report.byLanguage.zh.recallAt3).toBeGreaterThanOrEqual(0.85);
  });

  it('hybrid ranking is at least as good as vector-only ranking', async () => {
    const vectorOnly = await PolicyRetriever.open({ handbookDir: join(ROOT, 'prompts/policy'), indexDir: work, vectorWeight: 1 });
    const hybrid = await evaluateRetrieval(retriever, questions);
    const vector = await evaluateRetrieval(vectorOnly, questions);
    expect(hybrid.overall.recallAt3).toBeGreaterThanOrEqual(vector.overall.recallAt3);
  });
});
