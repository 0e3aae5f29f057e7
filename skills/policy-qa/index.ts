import { z } from 'zod';
import { formatCitation, type PolicyPassage } from '../../models/retrieval';
import { bullets, card, paragraph } from '../cards';
import type { Language } from '../contracts';
import { t } from '../i18n';
import { defineSkill, type SkillAnswer } from '../skill';
import { renderPolicyAnswer } from './card';
import { quotePassage } from './quote';

export type { PolicyAnswerer } from './answerer';
export { quotePassage, textUnits } from './quote';

/**
 * The user's question, in their own words (the conversation layer passes the message text).
 * Optional so that a call without one is answered with a request for the question, not an error.
 */
export const policyQaInput = z.object({ question: z.string().min(1).max(2000).optional() });

/** Passages retrieved per question; the answer shows those that are relevant enough (below). */
const TOP_K = 3;
/**
 * Hybrid retrieval scores run from 0 to 2. Off-topic questions ("what's the weather") score under
 * 0.05 while real policy questions score above 0.3, so 0.15 separates "nothing in the handbook".
 */
const MIN_SCORE = 0.15;
/** A passage far weaker than the best one is noise next to it. */
const MIN_SHARE_OF_BEST = 0.5;
/** Quote length per passage: Chinese carries about twice as much per character. */
const QUOTE_CHARS: Record<Language, number> = { en: 400, zh: 180 };

/** One quoted passage as the trace and the card see it. */
export interface PolicyQaPassage {
  docId: string;
  docTitle: string;
  section: string;
  heading: string;
  effectiveDate: string;
  score: number;
  /** "Credit Policy §3.2, effective 2026-01-01" in the user's language. */
  citation: string;
  /** The key sentences of the passage for this question. */
  quote: string;
}

export interface PolicyQaResult {
  [key: string]: unknown;
  question: string;
  passages: PolicyQaPassage[];
  /** The LLM's answer grounded in `passages`, or null without an LLM (or when it gave none). */
  answer: string | null;
}

/** `services.policyAnswerer` is optional: present only when an LLM is configured. */

export const policyQaSkill = defineSkill({
  name: 'policy_qa',
  description:
    "What the bank's policy handbook says (credit approval authority, DTI and LTV limits, marketing consent and contact rules, AML and suspicious transaction reporting, data privacy and masking, retention offers, product eligibility, complaints), quoted with document, section and effective date.",
  input: policyQaInput,
  permission: 'public',
  async run(input, ctx) {
    const lang = ctx.language;
    const question = (input.question ?? '').trim();
    if (!question) return askForQuestion(lang);

    const found = await ctx.services.policy.search(question, { k: TOP_K, language: lang });
    const best = found[0]?.score ?? 0;
    const relevant = found.filter((p) => p.score >= MIN_SCORE && p.score >= best * MIN_SHARE_OF_BEST);
    if (relevant.length === 0) return nothingFound(lang, question);

    const answerer = ctx.services.policyAnswerer;
    const answer = answerer ? ((await answerer(question, relevant, lang))?.trim() || null) : null;
    const result: PolicyQaResult = { question, passages: relevant.map((p) => toResultPassage(p, question, lang)), answer };
    const { card: answerCard, text } = renderPolicyAnswer(result, lang);
    return { outcome: 'answered', result, card: answerCard, text };
  },
});

function toResultPassage(p: PolicyPassage, question: string, lang: Language): PolicyQaPassage {
  return {
    docId: p.docId,
    docTitle: p.docTitle,
    section: p.section,
    heading: p.heading,
    effectiveDate: p.effectiveDate,
    score: Math.round(p.score * 1000) / 1000,
    citation: formatCitation(p),
    quote: quotePassage(p.text, question, { maxChars: QUOTE_CHARS[lang] }),
  };
}

const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['who can approve a band C loan of 2m?', 'C级客户200万贷款谁能审批?'],
  ['how soon must a suspicious transaction be reported?', '可疑交易要多久内上报?'],
  ['how often may we contact a customer for marketing?', '营销联系客户的频率有什么限制?'],
];

function askForQuestion(lang: Language): SkillAnswer {
  const intro = t(lang, 'What would you like to know about bank policy? For example:', '请问您想了解哪方面的行内政策?例如:');
  const examples = EXAMPLES.map(([en, zh]) => t(lang, en, zh));
  return {
    outcome: 'clarify',
    result: { question: '', passages: [], answer: null, missing: 'question' },
    card: card([paragraph(intro), bullets(examples)]),
    text: [intro, ...examples.map((e) => `- ${e}`)].join('\n'),
  };
}

function nothingFound(lang: Language, question: string): SkillAnswer {
  const text = t(lang,
    "I couldn't find anything in the bank's policy handbook about that. Try the policy's own words (approval authority, marketing consent, suspicious transactions, data masking…) or ask Compliance.",
    '在行内政策手册中没有找到相关内容。请换用政策中的说法(如审批权限、营销同意、可疑交易、数据脱敏等)再问,或咨询合规部门。');
  return { outcome: 'not_found', result: { question, passages: [], answer: null }, card: card([paragraph(text, { color: 'Warning' })]), text };
}
