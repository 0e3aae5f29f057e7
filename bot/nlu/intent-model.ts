import { INTENTS, type Intent } from '../../skills/contracts';
import type { LabelledUtterance } from './corpus';
import { extractEntities } from './extract';
import { featurize, maskEntities } from './features';
import { normalizeMessage } from './normalize';
import { DEFAULT_SOFTMAX_OPTIONS, fitSoftmax, type SoftmaxModel, type SoftmaxOptions } from './softmax-classifier';

/** Intent classifier: feature extraction plus the fitted linear model. */
export interface IntentModel {
  /** Probabilities of every intent for an already-masked message, highest first. */
  rank(masked: string): { intent: Intent; score: number }[];
}

/** The classifier's view of a message: normalised, entities read and masked. */
export function prepare(text: string) {
  const message = normalizeMessage(text);
  const extraction = extractEntities(message.text, message.lower);
  return { message, extraction, masked: maskEntities(message.lower, extraction.spans) };
}

function wrap(model: SoftmaxModel<Intent>): IntentModel {
  return {
    rank(masked: string) {
      const p = model.predictProba(featurize(masked));
      return model.labels.map((intent, i) => ({ intent, score: p[i]! })).sort((a, b) => b.score - a.score);
    },
  };
}

/** Fits the intent model on labelled utterances (the `train` split). */
export function fitIntentModel(train: readonly LabelledUtterance[], options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): IntentModel {
  const examples = train.map((u) => ({ features: featurize(prepare(u.text).masked), label: u.intent }));
  return wrap(fitSoftmax(examples, INTENTS, options));
}
