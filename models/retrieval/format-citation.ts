import type { PolicyLanguage } from './handbook';

/** What a citation needs to know about a passage. */
export interface CitablePassage {
  docTitle: string;
  section: string;
  effectiveDate: string;
  language: PolicyLanguage;
}

/**
 * Citation line in the passage's language:
 * "Credit Policy §3.2, effective 2026-01-01" / "《信贷政策》第3.2节,2026-01-01起生效".
 */
export function formatCitation(p: CitablePassage): string {
  return p.language === 'zh'
    ? `《${p.docTitle}》第${p.section}节,${p.effectiveDate}起生效`
    : `${p.docTitle} §${p.section}, effective ${p.effectiveDate}`;
}
