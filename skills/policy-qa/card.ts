import { card, heading, paragraph, section, subtle, type AdaptiveCard, type CardElement } from '../cards';
import type { Language } from '../contracts';
import { t } from '../i18n';
import type { PolicyQaResult } from './index';

/** The answer card: the grounded answer when there is one, then each quoted passage with its citation. */
export function renderPolicyAnswer(r: PolicyQaResult, lang: Language): { card: AdaptiveCard; text: string } {
  const zh = lang === 'zh';
  const open = zh ? '“' : '"';
  const close = zh ? '”' : '"';
  const body: CardElement[] = [
    heading(t(lang, 'What the policy says', '相关政策规定')),
    subtle(t(lang, `Your question: ${shorten(r.question, 200)}`, `您的问题:${shorten(r.question, 200)}`)),
  ];
  const text: string[] = [];
  if (r.answer) {
    body.push(
      section(t(lang, 'Answer', '解答')),
      paragraph(r.answer),
      subtle(t(lang, 'Written from the passages below only; check the quoted text before you act on it.',
        '仅根据以下条文生成;据此行动前请核对原文。')),
    );
    text.push(r.answer, '');
  }
  body.push(section(t(lang, 'From the policy handbook', '政策手册原文')));
  text.push(t(lang, 'From the policy handbook:', '政策手册原文:'));
  for (const p of r.passages) {
    body.push(
      { type: 'TextBlock', text: `${p.section} ${p.heading}`, weight: 'Bolder', wrap: true, spacing: 'Medium' },
      paragraph(`${open}${p.quote}${close}`),
      subtle(p.citation),
    );
    text.push(`- ${open}${p.quote}${close} (${p.citation})`);
  }
  return { card: card(body), text: text.join('\n') };
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
