import type { HandbookSection } from './handbook';

/** One indexed unit: a whole section, or a part of a long one. */
export interface PassageRecord extends HandbookSection {
  /** 0 for the first (or only) part of the section. */
  part: number;
}

export interface ChunkOptions {
  /** Above this many characters a section is split at paragraph boundaries. */
  maxChars: { en: number; zh: number };
}

// Chinese carries about three times as much content per character as English.
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: { en: 1600, zh: 600 } };

/**
 * One passage per section and language; a section longer than the limit is split between
 * paragraphs into parts of roughly equal size, each part keeping the section's identity so a
 * hit on any part counts as a hit on the section.
 */
export function chunkSections(sections: readonly HandbookSection[], options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): PassageRecord[] {
  const out: PassageRecord[] = [];
  for (const s of sections) {
    const limit = options.maxChars[s.language];
    if (s.text.length <= limit) {
      out.push({ ...s, part: 0 });
      continue;
    }
    const paragraphs = s.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const partCount = Math.ceil(s.text.length / limit);
    const target = s.text.length / partCount;
    let buffer: string[] = [];
    let size = 0;
    let part = 0;
    for (const p of paragraphs) {
      if (buffer.length > 0 && size + p.length > target * 1.2) {
        out.push({ ...s, text: buffer.join('\n\n'), part: part++ });
        buffer = [];
        size = 0;
      }
      buffer.push(p);
      size += p.length;
    }
    if (buffer.length > 0) out.push({ ...s, text: buffer.join('\n\n'), part });
  }
  return out;
}

/**
 * The text that is embedded and scored: title and heading are included because staff often
 * ask with the words of the heading ("approval authority"), which the body may not repeat.
 */
export function passageSearchText(p: PassageRecord): string {
  return `${p.docTitle}\n${p.heading}\n${p.text}`;
}
