import type { Intent, Recognition } from '../../skills/contracts';
import { loadCorpus, type LabelledUtterance } from './corpus';
import { fitIntentModel, prepare, type IntentModel } from './intent-model';
import { applyKeywordRules } from './keyword-rules';
import type { SoftmaxOptions } from './softmax-classifier';
import { suggestionsFor } from './suggestions';

/** What the built-in recognizer returns: the shared contract plus help for unmatched messages. */
export interface RuleRecognition extends Recognition {
  /** Example requests in the user's language, present when the intent is `none`. */
  suggestions?: string[];
  /** The best three intents with their scores, for clarifying questions ("did you mean…"). */
  alternatives: { intent: Intent; score: number }[];
}

export interface RuleRecognizer {
  /** Synchronous; well under 2 ms per message. */
  recognize(text: string): RuleRecognition;
}

export interface RuleRecognizerOptions {
  /** Below this confidence the answer is `none` with suggestions. */
  readonly threshold?: number;
  /** Training utterances; defaults to the committed `train` split. */
  readonly train?: readonly LabelledUtterance[];
  readonly softmax?: SoftmaxOptions;
}

export const DEFAULT_THRESHOLD = 0.35;

let defaultModel: IntentModel | undefined;

/**
 * Builds the offline recognizer. With no options the model is fitted once per process on the
 * committed training corpus (tens of milliseconds) and shared.
 */
export function createRuleRecognizer(options: RuleRecognizerOptions = {}): RuleRecognizer {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in 0..1, got ${threshold}`);
  const model =
    options.train || options.softmax
      ? fitIntentModel(options.train ?? loadCorpus('train'), options.softmax)
      : (defaultModel ??= fitIntentModel(loadCorpus('train')));
  return {
    recognize(text: string): RuleRecognition {
      if (typeof text !== 'string') throw new TypeError('recognize expects a string');
      const { message, extraction, masked } = prepare(text);
      const language = message.language;
      const entities = { ...extraction.entities };
      if (!message.text) {
        return { intent: 'none', confidence: 1, entities, language, suggestions: suggestionsFor(language), alternatives: [] };
      }
      const ranked = applyKeywordRules(masked, model.rank(masked));
      const best = ranked[0]!;
      const alternatives = ranked.slice(0, 3).map((r) => ({ intent: r.intent, score: round(r.score) }));
      const intent: Intent = best.score >= threshold ? best.intent : 'none';
      const result: RuleRecognition = { intent, confidence: round(best.score), entities, language, alternatives };
      if (intent === 'none') result.suggestions = suggestionsFor(language);
      return result;
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
