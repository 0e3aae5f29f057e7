import type { Language } from '../../skills/contracts';

const SUGGESTIONS: Readonly<Record<Language, readonly string[]>> = {
  en: [
    'Tell me about C000123',
    'What is the credit risk of C000123?',
    'Top 25 customers for credit card in Shanghai',
    'Unusual transactions in my portfolio this week',
    'What does policy say about do-not-contact customers?',
  ],
  zh: [
    '客户C000123的画像',
    '客户C000123的信用风险',
    '上海信用卡营销前25个客户',
    '本周我名下客户的异常交易',
    '勿扰名单上的客户能联系吗？',
  ],
};

/** Example requests to offer when a message was not understood, in the user's language. */
export function suggestionsFor(language: Language): string[] {
  return [...SUGGESTIONS[language]];
}
