import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage, type AIMessage } from '@langchain/core/messages';
import { entitiesSchema, type Entities } from '../../skills/contracts';
import { scrubPii } from '../../skills/pii';
import type { SkillRegistry } from '../../skills/registry';
import type { Logger } from '../logger';
import { toCustomerId } from '../nlu/extract/customer-id';
import { detectLanguage, type Recognizer, type Understanding } from '../recognizer';
import { classifyLlmFailure, guarded, LlmInvalidReplyError, withTimeout, type LlmCircuitBreaker } from './failures';
import { loadLlmPrompts } from './prompts';
import { skillTools } from './skill-tools';

export interface LlmRecognizerOptions {
  /** A chat model that supports tool calling. */
  model: BaseChatModel;
  /** Used for any turn the model cannot handle (time-out, rate limit, error, unusable reply). */
  fallback: Recognizer;
  /** The skills offered to the model as tools. */
  skills: SkillRegistry;
  timeoutMs: number;
  logger: Logger;
  /** Defaults to prompts/system.md. */
  systemPrompt?: string;
  /** Shared with the other LLM parts: after a failure, turns skip the model for a while. */
  breaker?: LlmCircuitBreaker;
}

/**
 * Step 2 of a turn with an LLM: the model picks one skill for the user's message, as a tool call
 * whose arguments are checked with the skill's own schema. The model only chooses and fills in;
 * it sees no customer data and runs nothing — identity, scope, masking and audit stay in the bot.
 * Whenever the model cannot give a usable answer in time, the built-in recognizer answers that
 * turn (its Understanding says `recognizer: 'rules'`) and a warning is logged.
 */
export function createLlmRecognizer(options: LlmRecognizerOptions): Recognizer {
  const { model, fallback, skills, timeoutMs, logger } = options;
  const systemPrompt = options.systemPrompt ?? loadLlmPrompts().system;
  if (!(timeoutMs > 0)) throw new Error(`createLlmRecognizer: timeoutMs must be positive, got ${timeoutMs}`);
  if (!systemPrompt.trim()) throw new Error('createLlmRecognizer: the system prompt is empty');
  if (typeof model.bindTools !== 'function') {
    throw new Error(`createLlmRecognizer: the chat model ${model.getName()} does not support tool calling; use a model that does or unset the LLM configuration`);
  }
  const routed = model.bindTools(skillTools(skills.all()));

  return {
    async recognize(text: string): Promise<Understanding> {
      try {
        // Identity numbers, phone numbers and e-mail addresses are never needed to pick a skill,
        // so they do not leave the bank even when staff paste them into a message.
        const reply = await guarded(options.breaker, () =>
          withTimeout(timeoutMs, (signal) => routed.invoke([new SystemMessage(systemPrompt), new HumanMessage(scrubPii(text))], { signal })),
        );
        return understandingFromReply(reply, text, skills, logger);
      } catch (err) {
        logger.warn('LLM recognizer unavailable for this turn; using the built-in recognizer', {
          reason: classifyLlmFailure(err),
          error: err,
        });
        return fallback.recognize(text);
      }
    },
  };
}

function understandingFromReply(reply: Pick<AIMessage, 'tool_calls'>, text: string, skills: SkillRegistry, logger: Logger): Understanding {
  const language = detectLanguage(text);
  const calls = reply.tool_calls ?? [];
  if (calls.length === 0) return { intent: 'none', confidence: 0, entities: {}, language, recognizer: 'llm' };
  if (calls.length > 1) logger.warn('LLM proposed several tools; using the first', { tools: calls.map((c) => c.name) });
  const call = calls[0]!;
  const skill = skills.all().find((s) => s.name === call.name);
  if (!skill) throw new LlmInvalidReplyError(`the model called "${call.name}", which is not a skill`, { tool: call.name });

  const args = cleanArguments(call.args);
  // The skill's own schema decides what is acceptable; the question a policy skill reads is the user's text.
  const checked = skill.input.safeParse('question' in skill.input.shape ? { ...args, question: text } : args);
  if (!checked.success) {
    throw new LlmInvalidReplyError(`the model's arguments for ${skill.name} do not fit its schema`, { tool: skill.name, issues: checked.error.issues });
  }
  const entities = entitiesSchema.safeParse(checked.data);
  if (!entities.success) {
    throw new LlmInvalidReplyError(`the model's arguments for ${skill.name} are not valid entities`, { tool: skill.name, issues: entities.error.issues });
  }
  return { intent: skill.name, confidence: 1, entities: dropUndefined(entities.data), language, recognizer: 'llm' };
}

/**
 * Models often send `null` or `""` for an argument they leave empty, and customer numbers in the
 * forms staff type ("c123", "123"); both are read the way the built-in recognizer reads them.
 */
function cleanArguments(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (key === 'customerId' && typeof value === 'string') {
      const m = /^\s*c?\s*[-#]?\s*(\d{1,6})\s*$/i.exec(value);
      out[key] = (m && toCustomerId(m[1]!)) ?? value.trim();
      continue;
    }
    out[key] = value;
  }
  return out;
}

function dropUndefined(entities: Entities): Entities {
  return Object.fromEntries(Object.entries(entities).filter(([, v]) => v !== undefined)) as Entities;
}
