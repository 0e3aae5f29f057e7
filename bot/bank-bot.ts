import {
  ActivityTypes,
  CardFactory,
  ConversationState,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type StatePropertyAccessor,
} from 'botbuilder';
import { decideScope, CustomerAccess } from '../skills/access';
import { deniedAnswer } from '../skills/common-answers';
import { bullets, card, paragraph, section } from '../skills/cards';
import type { Entities } from '../skills/contracts';
import { t } from '../skills/i18n';
import { scrubPii, scrubPiiDeep } from '../skills/pii';
import type { SkillRegistry } from '../skills/registry';
import type { SkillServices } from '../skills/services';
import type { Outcome, Principal, SkillAnswer } from '../skills/skill';
import type { AuditTrail } from './audit';
import { resolveWithMemory, type ChoiceValue, type ConversationMemory, type ResolvedRequest } from './conversation-memory';
import type { IdentityResolver } from './identity';
import type { Logger } from './logger';
import { cleanUserText, detectLanguage, type Recognizer } from './recognizer';
import type { CustomerRepository } from '../data/repositories/customer-repository';

export const TRACE_NAME = 'BankCopilotTurn';
export const TRACE_VALUE_TYPE = 'urn:bank-copilot:turn';

/** The turn trace's value (DESIGN.md "Turn trace"). */
export interface TurnTrace {
  intent: string;
  confidence: number;
  entities: Entities;
  recognizer: 'rules' | 'llm';
  skill: string | null;
  outcome: Outcome;
  result: Record<string, unknown> | null;
  incidentId?: string;
}

/** What the turn has established so far; the turn-error handler reads it to trace and audit a failure. */
export interface TurnInfo {
  startedAt: number;
  principal?: Principal;
  request?: ResolvedRequest;
  access?: CustomerAccess;
}
export const TURN_INFO = Symbol('bankCopilotTurnInfo');

export interface BankBotDeps {
  identity: IdentityResolver;
  recognizer: Recognizer;
  skills: SkillRegistry;
  services: SkillServices;
  customers: CustomerRepository;
  audit: AuditTrail;
  conversationState: ConversationState;
  logger: Logger;
  maxMessageChars: number;
  /** Reads "the second one" / "第二个" / "2" as a 1-based position in a list of choices. */
  parseOrdinal: (text: string) => number | undefined;
  /** Recognises follow-ups on the last answer: 'why' | 'export' | 'refine'. */
  parseFollowUp: (text: string) => 'why' | 'export' | 'refine' | undefined;
  /**
   * Optional plain-language explanation of an answer (the LLM path). It sees only the skill's result, and
   * what it writes is shown under the card's own figures; a failure or time-out leaves the answer as it is.
   */
  explain?: Explainer;
}

export type Explainer = (input: {
  question: string;
  request: ResolvedRequest;
  skill: string;
  answer: SkillAnswer;
  principal: Principal;
}) => Promise<string | undefined>;

/**
 * The turn pipeline (DESIGN.md): identity → understanding → skill → card + text → audit.
 * Knows nothing about SQL or models; skills do the work, this class routes and renders.
 */
export class BankBot extends TeamsActivityHandler {
  private readonly memory: StatePropertyAccessor<ConversationMemory>;

  constructor(private readonly deps: BankBotDeps) {
    super();
    this.memory = deps.conversationState.createProperty<ConversationMemory>('bankCopilotMemory');
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined && context.activity.channelId !== 'msteams') {
        await context.sendActivity('Hello! I am Bank Copilot. Ask me "help" to see what I can do. / 您好!我是银行智能助手,输入"帮助"查看我能做什么。');
      }
      await next();
    });
  }

  /** Runs the turn, then saves conversation memory (also after a handled failure). */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const info: TurnInfo = { startedAt: Date.now() };
    context.turnState.set(TURN_INFO, info);
    const activity = context.activity;
    const principal = await this.deps.identity.resolve(activity.from);
    info.principal = principal;

    const memory = await this.memory.get(context, {});
    const raw = typeof activity.text === 'string' ? activity.text : '';
    const text = cleanUserText(raw);
    const language = text ? detectLanguage(text) : (memory.language ?? 'en');

    if (text.length > this.deps.maxMessageChars) {
      await this.finish(context, info, {
        request: { intent: 'none', confidence: 0, entities: {}, language, recognizer: 'rules', via: 'message' },
        skill: null,
        answer: tooLong(language, text.length, this.deps.maxMessageChars),
        outcome: 'none',
      });
      return;
    }

    const understanding = text
      ? await this.deps.recognizer.recognize(text)
      : { intent: 'none' as const, confidence: 0, entities: {}, language, recognizer: 'rules' as const };
    const request = resolveWithMemory(understanding, memory, {
      ordinal: text ? this.deps.parseOrdinal(text) : undefined,
      text,
      value: activity.value as ChoiceValue | undefined,
    });
    memory.language = request.language;

    const followUp = this.followUpOfLast(memory, request, text);
    const effective: ResolvedRequest = followUp ? { ...request, intent: followUp.skill.name, via: 'follow_up' } : request;
    info.request = effective;
    const skill = followUp?.skill ?? (request.intent === 'none' ? undefined : this.deps.skills.get(request.intent));
    if (!skill) {
      memory.pending = undefined;
      await this.finish(context, info, { request, skill: null, answer: notUnderstood(request), outcome: 'none' });
      return;
    }

    const decision = decideScope(principal, skill.permission);
    if (!decision.allowed) {
      memory.pending = undefined;
      await this.finish(context, info, { request: effective, skill: skill.name, answer: deniedAnswer(request.language), outcome: 'denied' });
      return;
    }
    const access = new CustomerAccess(decision.scope, this.deps.customers);
    info.access = access;
    // Skills that read the question itself (policy answers) get the user's words next to the entities.
    const wantsQuestion = 'question' in skill.input.shape;
    const parsed = skill.input.safeParse(
      followUp?.input ?? (wantsQuestion ? { ...request.entities, question: text } : request.entities),
    );
    if (!parsed.success) {
      // The recognizer produced something the skill cannot take: answer as not understood, never crash.
      this.deps.logger.warn('entities rejected by skill schema', { skill: skill.name, issues: parsed.error.issues });
      await this.finish(context, info, { request: effective, skill: skill.name, answer: notUnderstood(request), outcome: 'none' });
      return;
    }
    const skillAnswer = await skill.run(parsed.data, { principal, language: request.language, access, services: this.deps.services });
    const answer = await this.withExplanation(text, request, skill.name, skillAnswer, principal);

    memory.lastIntent = skill.name;
    memory.last = answer.outcome === 'answered' ? { intent: skill.name, input: parsed.data as Record<string, unknown> } : memory.last;
    memory.pending =
      answer.outcome === 'clarify' && answer.clarification
        ? { intent: skill.name, entities: request.entities, missing: answer.clarification.missing, choices: [...answer.clarification.choices] }
        : undefined;
    const customerId = typeof answer.result.customerId === 'string' ? answer.result.customerId : undefined;
    if (answer.outcome === 'answered' && customerId) memory.lastCustomerId = customerId;

    await this.finish(context, info, { request: effective, skill: skill.name, answer, outcome: answer.outcome });
  }

  /** A message that refines the last answer, as the last answer's skill reads it. */
  private followUpOfLast(memory: ConversationMemory, request: ResolvedRequest, text: string) {
    if (!memory.last || !text || request.via === 'choice') return undefined;
    const kind = this.deps.parseFollowUp(text);
    if (!kind && request.intent !== 'none') return undefined;
    const skill = this.deps.skills.get(memory.last.intent);
    if (!skill?.followUp) return undefined;
    const previous = skill.input.safeParse(memory.last.input);
    if (!previous.success) return undefined;
    const input = skill.followUp(previous.data, { kind, text, entities: request.entities, language: request.language });
    return input ? { skill, input } : undefined;
  }

  private async withExplanation(question: string, request: ResolvedRequest, skill: string, answer: SkillAnswer, principal: Principal): Promise<SkillAnswer> {
    if (!this.deps.explain || answer.outcome !== 'answered') return answer;
    let explanation: string | undefined;
    try {
      explanation = await this.deps.explain({ question, request, skill, answer, principal });
    } catch (err) {
      this.deps.logger.warn('explanation failed; answering without it', { skill, error: err });
    }
    if (!explanation) return answer;
    const heading = t(request.language, 'In plain words', '简要解读');
    return {
      ...answer,
      card: { ...answer.card, body: [...answer.card.body, section(heading), paragraph(explanation)] },
      text: `${answer.text}\n\n${heading}: ${explanation}`,
      result: { ...answer.result, explanation },
    };
  }

  /** Steps 4 and 5: reply (card + text, PII scrubbed), trace on the emulator channel, audit row. */
  private async finish(
    context: TurnContext,
    info: TurnInfo,
    turn: { request: ResolvedRequest; skill: string | null; answer: SkillAnswer | { card: SkillAnswer['card']; text: string; result: Record<string, unknown> }; outcome: Outcome },
  ): Promise<void> {
    const cardJson = scrubPiiDeep(turn.answer.card);
    const text = scrubPii(turn.answer.text);
    const result = scrubPiiDeep(turn.answer.result);
    await context.sendActivity(answerActivity(context.activity, text, cardJson));
    await sendTrace(context, {
      intent: turn.request.intent,
      confidence: turn.request.confidence,
      entities: turn.request.entities,
      recognizer: turn.request.recognizer,
      skill: turn.skill,
      outcome: turn.outcome,
      result,
    });
    await this.deps.audit.record({
      at: new Date(info.startedAt),
      principal: info.principal!,
      channel: context.activity.channelId ?? 'unknown',
      conversationId: context.activity.conversation?.id ?? 'unknown',
      intent: turn.request.intent,
      recognizer: turn.request.recognizer,
      entities: turn.request.entities,
      customerIds: info.access?.touched() ?? [],
      outcome: turn.outcome,
      latencyMs: Date.now() - info.startedAt,
    });
  }
}

/** One message: the card plus its plain-text version (Teams shows the card, with the text as notification summary). */
export function answerActivity(incoming: Partial<Activity>, text: string, cardJson: SkillAnswer['card']): Partial<Activity> {
  const reply = MessageFactory.attachment(CardFactory.adaptiveCard(cardJson));
  if (incoming.channelId === 'msteams') reply.summary = text.split('\n')[0]!.slice(0, 200);
  else reply.text = text;
  return reply;
}

/** The emulator-channel debugging trace (DESIGN.md); other channels never see it. */
export async function sendTrace(context: TurnContext, value: TurnTrace): Promise<void> {
  if (context.activity.channelId !== 'emulator') return;
  await context.sendActivity({
    type: ActivityTypes.Trace,
    name: TRACE_NAME,
    label: 'Bank Copilot turn',
    valueType: TRACE_VALUE_TYPE,
    value,
  });
}

function notUnderstood(request: ResolvedRequest): { card: SkillAnswer['card']; text: string; result: Record<string, unknown> } {
  const lang = request.language;
  const suggestions = request.suggestions?.length
    ? request.suggestions
    : [t(lang, 'tell me about C000123', 'C000123 的客户画像'), t(lang, 'help', '帮助')];
  const intro = t(lang, "Sorry, I didn't understand that. You could ask:", '抱歉,我没有理解。您可以这样问:');
  return {
    card: card([paragraph(intro), bullets(suggestions)]),
    text: [intro, ...suggestions.map((s) => `- ${s}`)].join('\n'),
    result: { suggestions },
  };
}

function tooLong(lang: 'en' | 'zh', length: number, max: number): { card: SkillAnswer['card']; text: string; result: Record<string, unknown> } {
  const text = t(lang, `That message is too long (${length} characters; the limit is ${max}). Please ask one short question at a time.`,
    `消息过长(${length} 个字符,上限 ${max})。请一次提一个简短的问题。`);
  return { card: card([paragraph(text, { color: 'Warning' })]), text, result: { length, max } };
}
