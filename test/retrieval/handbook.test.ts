import { resolve } from 'node:path';
import { chunkSections } from '../../models/retrieval/chunk';
import { handbookFingerprint, parseHandbook, parseHandbookFile, readHandbookFiles, type HandbookSection } from '../../models/retrieval/handbook';
import { PRODUCT_CODES } from '../../data/vocabulary';
import { CITATIONS, PRODUCT_CITATIONS } from '../../models/retrieval/citations';

const HANDBOOK = resolve(__dirname, '../../prompts/policy');

describe('the policy handbook', () => {
  const files = readHandbookFiles(HANDBOOK);
  const sections = parseHandbook(files);

  it('has every document in English and Chinese with the same sections, titles and dates', () => {
    const docs = new Set(sections.map((s) => s.docId));
    expect(docs).toEqual(
      new Set(['credit-policy', 'marketing-consent', 'aml-policy', 'data-privacy', 'retention-playbook', 'product-catalogue', 'complaints-handling']),
    );
    for (const doc of docs) {
      const en = sections.filter((s) => s.docId === doc && s.language === 'en');
      const zh = sections.filter((s) => s.docId === doc && s.language === 'zh');
      expect(zh.map((s) => s.section)).toEqual(en.map((s) => s.section));
      expect(en.length).toBeGreaterThanOrEqual(5);
      expect(new Set([...en, ...zh].map((s) => `${s.effectiveDate} ${s.version}`)).size).toBe(1);
      expect(zh[0].docTitle).not.toBe(en[0].docTitle);
      for (const s of [...en, ...zh]) expect(s.text.length).toBeGreaterThan(150);
    }
  });

  it('covers every product code and citation key', () => {
    const ids = new Set(sections.map((s) => `${s.docId} ${s.section}`));
    for (const ref of Object.values(CITATIONS)) expect(ids).toContain(`${ref.docId} ${ref.section}`);
    expect(Object.keys(PRODUCT_CITATIONS).sort()).toEqual([...PRODUCT_CODES].sort());
    for (const code of PRODUCT_CODES) {
      const ref = CITATIONS[PRODUCT_CITATIONS[code]];
      expect(sections.find((s) => s.docId === ref.docId && s.section === ref.section && s.language === 'en')?.heading).toContain(`(${code})`);
    }
  });

  it('fingerprints contents: any edit changes it', () => {
    const before = handbookFingerprint(files);
    expect(handbookFingerprint(files)).toBe(before);
    const edited = files.map((f, i) => (i === 0 ? { ...f, content: f.content.replace('5', '6') } : f));
    expect(handbookFingerprint(edited)).not.toBe(before);
  });
});

describe('parseHandbookFile', () => {
  const head = '---\nid: t\ntitle: Test Policy\nversion: 1\neffective: 2026-02-01\nlanguage: en\n---\n';

  it('reads front matter and numbered sections, skipping the introduction', () => {
    const parsed = parseHandbookFile({ name: 't.en.md', content: `${head}# T\nIntro.\n## 1.1 First\nAlpha.\n\n## 2 Second\nBeta.\n### not a section\nGamma.\n` });
    expect(parsed.map((s) => [s.section, s.heading, s.text])).toEqual([
      ['1.1', 'First', 'Alpha.'],
      ['2', 'Second', 'Beta.\n### not a section\nGamma.'],
    ]);
    expect(parsed[0]).toMatchObject({ docId: 't', docTitle: 'Test Policy', effectiveDate: '2026-02-01', language: 'en' });
  });

  it('explains bad files', () => {
    expect(() => parseHandbookFile({ name: 'x.en.md', content: '## 1 A\ntext' })).toThrow(/front matter/);
    expect(() => parseHandbookFile({ name: 'x.en.md', content: head.replace('effective: 2026-02-01', 'effective: soon') + '## 1 A\nx' })).toThrow(/effective/);
    expect(() => parseHandbookFile({ name: 'x.en.md', content: head.replace('language: en', 'language: fr') + '## 1 A\nx' })).toThrow(/language/);
    expect(() => parseHandbookFile({ name: 'x.en.md', content: `${head}no sections` })).toThrow(/no numbered sections/);
    expect(() => parseHandbook([{ name: 'x.en.md', content: `${head}## 1 A\nx\n## 1 B\ny` }])).toThrow(/Duplicate section 1/);
    expect(() => readHandbookFiles('/nonexistent/policy')).toThrow(/does not exist/);
  });
});

describe('chunkSections', () => {
  const base: HandbookSection = {
    docId: 'd', docTitle: 'D', version: '1', effectiveDate: '2026-01-01', language: 'en', section: '1.1', heading: 'H', text: '',
  };

  it('keeps short sections whole', () => {
    expect(chunkSections([{ ...base, text: 'short' }])).toEqual([{ ...base, text: 'short', part: 0 }]);
  });

  it('splits long sections between paragraphs into similar parts that keep the section id', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ${'word '.repeat(60)}`.trim());
    const parts = chunkSections([{ ...base, text: paragraphs.join('\n\n') }], { maxChars: { en: 1000, zh: 400 } });
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
    expect(parts.every((p) => p.section === '1.1' && p.text.length <= 1300)).toBe(true);
    expect(parts.map((p) => p.text).join('\n\n')).toBe(paragraphs.join('\n\n'));
  });
});
