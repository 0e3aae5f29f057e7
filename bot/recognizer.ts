import type { Recognition } from '../skills/contracts';

/** How a message was understood, plus which recognizer did it (for the turn trace). */
export interface Understanding extends Recognition {
  recognizer: 'rules' | 'llm';
  /** Short examples of what can be asked, offered when the intent is `none`. */
  suggestions?: string[];
}

/** Step 2 of a turn. The built-in rules recognizer and the LLM agent both implement it. */
export interface Recognizer {
  recognize(text: string): Promise<Understanding>;
}

/** Text a user sent, without Teams' `<at>Bot</at>` mention, HTML tags or surrounding whitespace. */
export function cleanUserText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function detectLanguage(text: string): 'zh' | 'en' {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}
