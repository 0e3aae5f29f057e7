/**
 * Built-in offline language understanding for English, Chinese and mixed messages: intent
 * classification, entity extraction and follow-up parsing for the conversation layer.
 */
export {
  createRuleRecognizer,
  DEFAULT_THRESHOLD,
  type RuleRecognition,
  type RuleRecognizer,
  type RuleRecognizerOptions,
} from './recognizer';
export { parseFollowUp, parseOrdinal, type FollowUp } from './follow-up';
export { extractEntities, type Extraction } from './extract';
export { detectLanguage, normalizeMessage, stripMarkup, toHalfWidth, type NormalizedMessage } from './normalize';
export { suggestionsFor } from './suggestions';
export { corpusPath, loadCorpus, parseCorpus, type CorpusSplit, type LabelledUtterance } from './corpus';
