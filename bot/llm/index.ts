import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { PolicyAnswerer } from '../../skills/policy-qa/answerer';
import type { SkillRegistry } from '../../skills/registry';
import type { Explainer } from '../bank-bot';
import type { LlmConfig } from '../config';
import type { Logger } from '../logger';
import type { Recognizer } from '../recognizer';
import { createChatModel } from './chat-model';
import { createLlmExplainer } from './explainer';
import { createGroundedPolicyAnswerer } from './grounded-policy-answerer';
import { createLlmRecognizer } from './llm-recognizer';
import { loadLlmPrompts, type LlmPrompts } from './prompts';
import { LlmCircuitBreaker } from './failures';

export { createChatModel } from './chat-model';
export { createLlmExplainer, explanationRequest, type LlmExplainerOptions } from './explainer';
export { citationKey, createGroundedPolicyAnswerer, NOT_IN_PASSAGES, policyAnswerRequest, type GroundedPolicyAnswererOptions } from './grounded-policy-answerer';
export { createLlmRecognizer, type LlmRecognizerOptions } from './llm-recognizer';
export { classifyLlmFailure, LlmCircuitBreaker, LlmInvalidReplyError, LlmTimeoutError, LlmUnavailableError, withTimeout, type LlmFailureKind } from './failures';
export { loadLlmPrompts, type LlmPrompts } from './prompts';
export { quoteData } from './quoted-data';
export { skillTools } from './skill-tools';

/** Everything the LLM path adds to the bot; each part degrades to the offline behaviour on its own. */
export interface LlmParts {
  recognizer: Recognizer;
  explain: Explainer;
  policyAnswerer: PolicyAnswerer;
}

export interface LlmPartsOptions {
  llm: LlmConfig;
  /** The skills offered as tools (the same records the bot runs). */
  skills: SkillRegistry;
  /** The built-in recognizer, used for any turn the model cannot handle. */
  fallback: Recognizer;
  logger: Logger;
  /** Defaults to the configured OpenAI / Azure OpenAI model; tests hand in a fake. */
  model?: BaseChatModel;
  /** Defaults to the files under prompts/. */
  prompts?: LlmPrompts;
}

/** Builds the LLM path once at start-up, for the server entry when `config.llm` is set. */
export function createLlmParts(options: LlmPartsOptions): LlmParts {
  const model = options.model ?? createChatModel(options.llm);
  const prompts = options.prompts ?? loadLlmPrompts();
  const { timeoutMs } = options.llm;
  const { logger } = options;
  // One breaker for all three: an outage seen by the recognizer also spares the explanation its wait.
  const breaker = new LlmCircuitBreaker();
  return {
    recognizer: createLlmRecognizer({ model, fallback: options.fallback, skills: options.skills, timeoutMs, logger, systemPrompt: prompts.system, breaker }),
    explain: createLlmExplainer({ model, timeoutMs, logger, prompt: prompts.explain, breaker }),
    policyAnswerer: createGroundedPolicyAnswerer({ model, timeoutMs, logger, prompt: prompts.policyAnswer, breaker }),
  };
}
