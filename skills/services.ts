import type { CustomerRepository } from '../data/repositories/customer-repository';
import type { PolicyLookup } from '../models/retrieval';

/** Optional features, reported by `help` so staff know what is switched off. */
export interface FeatureFlags {
  /** A hosted or on-premises LLM is configured. */
  readonly llm: boolean;
  /** Conversation state is shared between bot instances (Redis or PostgreSQL) rather than in memory. */
  readonly sharedState: boolean;
  /** The database is PostgreSQL rather than the embedded SQLite. */
  readonly postgres: boolean;
}

/** What skills may use besides customer look-ups; built once by the server entry. */
export interface SkillServices {
  readonly customers: CustomerRepository;
  /** The data's "today" (as-of date of the loaded bank), `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly features: FeatureFlags;
  /** The bank's policy handbook: search, and the sections other skills cite. */
  readonly policy: PolicyLookup;
}
