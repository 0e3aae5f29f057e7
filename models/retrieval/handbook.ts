import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PolicyLanguage = 'en' | 'zh';

/** One numbered section (`## 3.2 Heading`) of one language version of a policy document. */
export interface HandbookSection {
  docId: string;
  docTitle: string;
  version: string;
  effectiveDate: string;
  language: PolicyLanguage;
  /** Section number as written in the heading, e.g. `3.2`. Shared by both language versions. */
  section: string;
  heading: string;
  /** Section body without the heading line, trimmed. */
  text: string;
}

/** A handbook file as read from disk: what the fingerprint and the parser both need. */
export interface HandbookFile {
  name: string;
  content: string;
}

const FILE_PATTERN = /^[a-z0-9-]+\.(en|zh)\.md$/;
const SECTION_HEADING = /^##\s+(\d+(?:\.\d+)*)\s+(.+?)\s*$/;
const REQUIRED_KEYS = ['id', 'title', 'version', 'effective', 'language'] as const;

/**
 * Reads every `<doc>.<en|zh>.md` file of the handbook directory, sorted by name so that the
 * fingerprint and the passage order do not depend on the file system.
 */
export function readHandbookFiles(handbookDir: string): HandbookFile[] {
  if (!existsSync(handbookDir)) {
    throw new Error(`Policy handbook directory ${handbookDir} does not exist: pass the folder holding <doc>.en.md / <doc>.zh.md (prompts/policy)`);
  }
  const names = readdirSync(handbookDir)
    .filter((n) => FILE_PATTERN.test(n))
    .sort();
  if (names.length === 0) {
    throw new Error(
      `No policy documents found in ${handbookDir}: expected files named like credit-policy.en.md / credit-policy.zh.md`,
    );
  }
  return names.map((name) => ({ name, content: readFileSync(join(handbookDir, name), 'utf8') }));
}

/** SHA-256 over file names and contents: changes whenever any handbook file changes. */
export function handbookFingerprint(files: readonly HandbookFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f.name).update('\0').update(f.content).update('\0');
  }
  return hash.digest('hex');
}

function parseFrontMatter(file: HandbookFile): { meta: Record<string, string>; body: string } {
  const text = file.content.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) {
    throw new Error(`${file.name}: missing front matter; start the file with ---, id:, title:, version:, effective:, language:, ---`);
  }
  const meta: Record<string, string> = {};
  for (const line of match[1].split('\n')) {
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(line.trim());
    if (kv) meta[kv[1]] = kv[2].trim();
  }
  const missing = REQUIRED_KEYS.filter((k) => !meta[k]);
  if (missing.length > 0) {
    throw new Error(`${file.name}: front matter lacks ${missing.join(', ')}`);
  }
  return { meta, body: text.slice(match[0].length) };
}

/** Splits one handbook file into its numbered sections; text before the first section is skipped. */
export function parseHandbookFile(file: HandbookFile): HandbookSection[] {
  const { meta, body } = parseFrontMatter(file);
  const language = meta.language;
  if (language !== 'en' && language !== 'zh') {
    throw new Error(`${file.name}: language must be en or zh, got "${language}"`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.effective)) {
    throw new Error(`${file.name}: effective must be a date like 2026-01-01, got "${meta.effective}"`);
  }
  const sections: HandbookSection[] = [];
  let current: { section: string; heading: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    sections.push({
      docId: meta.id,
      docTitle: meta.title,
      version: meta.version,
      effectiveDate: meta.effective,
      language,
      section: current.section,
      heading: current.heading,
      text: current.lines.join('\n').trim(),
    });
  };
  for (const line of body.split('\n')) {
    const heading = SECTION_HEADING.exec(line);
    if (heading) {
      flush();
      current = { section: heading[1], heading: heading[2], lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  if (sections.length === 0) {
    throw new Error(`${file.name}: no numbered sections; write headings like "## 3.2 Approval authority"`);
  }
  return sections;
}

/** Parses all files and checks that section ids are unique per document and language. */
export function parseHandbook(files: readonly HandbookFile[]): HandbookSection[] {
  const all = files.flatMap(parseHandbookFile);
  const seen = new Set<string>();
  for (const s of all) {
    const key = `${s.docId}|${s.language}|${s.section}`;
    if (seen.has(key)) throw new Error(`Duplicate section ${s.section} in ${s.docId} (${s.language})`);
    seen.add(key);
  }
  return all;
}
