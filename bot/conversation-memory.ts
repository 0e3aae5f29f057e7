import type { Entities, Intent, Language } from '../skills/contracts';
import type { Choice, Clarification } from '../skills/skill';
import type { Understanding } from './recognizer';

/** What the bot remembers between turns of one conversation (stored through botbuilder `Storage`). */
export interface ConversationMemory {
  lastIntent?: Intent;
  lastCustomerId?: string;
  /** The language of the last message, used when the next one carries no text (a card click). */
  language?: Language;
  /** The last answered request, which follow-ups ("why?", "only Shanghai", "export it") refine. */
  last?: { intent: Intent; input: Record<string, unknown> };
  /** A request waiting for the user to say which customer (or product) they meant. */
  pending?: { intent: Intent; entities: Entities; missing: Clarification['missing']; choices: Choice[] };
}

/** The intents that act on one customer and so can take "him" / "that customer" from the conversation. */
export const CUSTOMER_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'customer_profile',
  'credit_risk',
  'churn_risk',
  'customer_segment',
  'transaction_anomalies',
]);

export interface ResolvedRequest extends Understanding {
  /** How the request came about, for the trace and debugging. */
  via: 'message' | 'choice' | 'follow_up';
}

/** A card click: `{ choose: { customerId } }` or `{ choose: { product } }` from a choice button. */
export interface ChoiceValue {
  choose?: { customerId?: unknown; product?: unknown };
}

/**
 * Completes the recognizer's reading of a message with the conversation: answers to a pending question
 * ("the second one", a click, an id, a name) finish the original request, and single-customer questions
 * without a customer refer to the last customer discussed.
 */
export function resolveWithMemory(
  understanding: Understanding,
  memory: ConversationMemory,
  extras: { ordinal?: number; value?: ChoiceValue; text?: string },
): ResolvedRequest {
  const pending = memory.pending;
  if (pending) {
    const clicked = typeof extras.value?.choose?.customerId === 'string' ? extras.value.choose.customerId : undefined;
    const clickedProduct = typeof extras.value?.choose?.product === 'string' ? extras.value.choose.product : undefined;
    const picked =
      (clicked && pending.choices.find((c) => c.entities.customerId === clicked)) ??
      (clickedProduct && pending.choices.find((c) => c.entities.product === clickedProduct)) ??
      (extras.ordinal !== undefined ? pending.choices[extras.ordinal - 1] : undefined);
    if (picked) return completePending(understanding, pending, picked.entities);
    const { customerId, customerName } = understanding.entities;
    const answersQuestion =
      understanding.intent === 'none' || understanding.intent === pending.intent || understanding.confidence < 0.6;
    if (pending.missing === 'customerId' && (customerId || customerName) && answersQuestion) {
      return completePending(understanding, pending, customerId ? { customerId } : { customerName });
    }
    // "Which product?" answered by naming one ("credit card", "信用卡"); filters said with it are kept too.
    if (pending.missing === 'product' && understanding.entities.product && answersQuestion) {
      return completePending(understanding, pending, understanding.entities);
    }
  }
  if (
    CUSTOMER_INTENTS.has(understanding.intent) &&
    !(understanding.intent === 'transaction_anomalies' && asksAboutPortfolio(extras.text ?? '')) &&
    !understanding.entities.customerId &&
    !understanding.entities.customerName &&
    memory.lastCustomerId
  ) {
    return { ...understanding, entities: { ...understanding.entities, customerId: memory.lastCustomerId }, via: 'follow_up' };
  }
  return { ...understanding, via: 'message' };
}

function completePending(
  understanding: Understanding,
  pending: NonNullable<ConversationMemory['pending']>,
  fill: Entities,
): ResolvedRequest {
  const entities = { ...pending.entities };
  delete entities.customerId;
  delete entities.customerName;
  return {
    intent: pending.intent,
    confidence: 1,
    entities: { ...entities, ...fill },
    language: understanding.language,
    recognizer: understanding.recognizer,
    via: 'choice',
  };
}

/** "my portfolio", "all my customers", "我的客户", "组合": a question about many customers, not the last one. */
export function asksAboutPortfolio(text: string): boolean {
  return /portfolio|book|my customers|all customers|across|组合|我的客户|名下|所有客户|全部客户|全行/i.test(text);
}
