import { createRuleRecognizer, parseFollowUp, parseOrdinal } from './nlu';
import type { Recognizer, Understanding } from './recognizer';

/** The offline default: the bilingual rules-and-classifier recognizer in `bot/nlu`. */
export function createBuiltInRecognizer(): Recognizer {
  const rules = createRuleRecognizer();
  return {
    async recognize(text: string): Promise<Understanding> {
      const r = rules.recognize(text);
      return {
        intent: r.intent,
        confidence: r.confidence,
        entities: r.entities,
        language: r.language,
        recognizer: 'rules',
        ...(r.suggestions ? { suggestions: r.suggestions } : {}),
      };
    },
  };
}

export { parseFollowUp, parseOrdinal };
