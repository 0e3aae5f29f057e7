import type { CitationKey, PolicyPassage } from '../models/retrieval';
import { formatCitation } from '../models/retrieval';
import { paragraph, section, subtle, type CardElement } from './cards';
import type { Language } from './contracts';
import { t } from './i18n';
import type { SkillServices } from './services';

/** A policy section a skill relied on, as it appears in the card, the text and the trace. */
export interface PolicyQuote {
  key: CitationKey;
  docId: string;
  section: string;
  heading: string;
  effectiveDate: string;
  citation: string;
  excerpt: string;
}

/** Quotes a cited section, trimmed to its first sentences (about `maxChars`). */
export function quotePolicy(services: SkillServices, key: CitationKey, lang: Language, maxChars = 360): PolicyQuote {
  const p: PolicyPassage = services.policy.cite(key, lang);
  return {
    key,
    docId: p.docId,
    section: p.section,
    heading: p.heading,
    effectiveDate: p.effectiveDate,
    citation: formatCitation(p),
    excerpt: excerpt(p.text, maxChars),
  };
}

export function excerpt(text: string, maxChars: number): string {
  const plain = text
    .split('\n')
    .filter((line) => !/^#+\s/.test(line) && !/^\s*\|?\s*:?-{3,}/.test(line))
    // Table rows read as "cell · cell · cell;" rather than pipes and rules.
    .map((line) => (line.includes('|') ? `${line.split('|').map((c) => c.trim()).filter(Boolean).join(' · ')};` : line))
    .join(' ')
    .replace(/[*_`>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('; '), cut.lastIndexOf(';'));
  return (end > maxChars * 0.4 ? cut.slice(0, end + 1) : cut) + ' …';
}

/** "What the policy says", with citations: shared by the skills that rely on the handbook. */
export function policySection(quotes: readonly PolicyQuote[], lang: Language): CardElement[] {
  if (quotes.length === 0) return [];
  return [
    section(t(lang, 'What the policy says', '相关政策')),
    ...quotes.flatMap((q) => [paragraph(`**${q.heading}** — ${q.excerpt}`), subtle(q.citation)]),
  ];
}
