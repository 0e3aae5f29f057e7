import type { z } from 'zod';
import type { ProductCode, Role } from '../data/vocabulary';
import type { AdaptiveCard } from './cards';
import type { CustomerAccess } from './access';
import type { Entities, Intent, Language } from './contracts';
import type { SkillServices } from './services';

/**
 * What a skill needs from the caller's role (DESIGN.md "Roles and scope"):
 * - `customer`  single-customer data (profile, risk, churn, segment, anomalies)
 * - `campaign`  campaign target lists
 * - `portfolio` governed portfolio statistics
 * - `staff`     any member of staff (segment overview, model cards)
 * - `public`    anyone, guests included (help, policy)
 */
export type Permission = 'customer' | 'campaign' | 'portfolio' | 'staff' | 'public';

/** Who is asking. Guests are people not in the staff directory. */
export interface Principal {
  readonly staffId: string;
  readonly name: string;
  readonly role: Role | 'guest';
  readonly branchId: string | null;
}

export type Outcome = 'answered' | 'clarify' | 'not_found' | 'denied' | 'error' | 'none';

export interface Choice {
  /** What the button and the numbered list show. */
  readonly label: string;
  /** Entities that the choice fills in when picked. */
  readonly entities: { customerId?: string; product?: ProductCode };
}

/** A question back to the user; the conversation layer keeps it and completes the request with the answer. */
export interface Clarification {
  readonly missing: 'customerId' | 'product';
  readonly choices: readonly Choice[];
}

/** What a skill returns: expected outcomes (not found, denied, which customer?) are values, not errors. */
export interface SkillAnswer {
  readonly outcome: Exclude<Outcome, 'error' | 'none'>;
  /** The structured output the card was rendered from; it goes to the turn trace. */
  readonly result: Record<string, unknown>;
  readonly card: AdaptiveCard;
  readonly text: string;
  readonly clarification?: Clarification;
}

export interface SkillContext {
  readonly principal: Principal;
  readonly language: Language;
  /** The only way a skill reaches customer data; it applies the caller's scope and records what was touched. */
  readonly access: CustomerAccess;
  readonly services: SkillServices;
}

/** A skill is a record; its zod schema is the TypeScript type, the runtime check and the LLM tool schema. */
export interface Skill<S extends z.ZodObject = z.ZodObject> {
  readonly name: Exclude<Intent, 'none'>;
  /** One sentence for the LLM tool description and the help card. */
  readonly description: string;
  readonly input: S;
  readonly permission: Permission;
  run(input: z.infer<S>, ctx: SkillContext): Promise<SkillAnswer>;
  /**
   * Follow-ups on this skill's last answer ("why?", "only Shanghai", "top 50 instead", "export it"):
   * given the previous input and the new message, the input to run next, or undefined when the message
   * is not a follow-up of this skill. The bot offers a message here when it looks like a follow-up or
   * when nothing else understood it.
   */
  followUp?(previous: z.infer<S>, message: FollowUpMessage): z.infer<S> | undefined;
}

export interface FollowUpMessage {
  readonly kind: 'why' | 'export' | 'refine' | undefined;
  readonly text: string;
  readonly entities: Entities;
  readonly language: Language;
}

/** Keeps the schema's type when declaring a skill. */
export function defineSkill<S extends z.ZodObject>(skill: Skill<S>): Skill<S> {
  return skill;
}
