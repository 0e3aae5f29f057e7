import type { CustomerRepository } from '../data/repositories/customer-repository';
import type { FlagRepository } from '../data/repositories/flag-repository';
import type { ActiveModels } from '../models/registry/types';
import type { PolicyLookup } from '../models/retrieval';
import type { CustomerExplanation } from '../models/scoring/explain';
import type { PolicyAnswerer } from './policy-qa/answerer';
import type { DriftReport } from '../models/scoring/drift';
import type { LoadedModel } from '../models/registry/types';
import type { CampaignServices } from './campaign-targets/services';
import type { PortfolioRepository } from '../data/repositories/portfolio-repository';
import type { SegmentRepository } from '../data/repositories/segment-repository';
import type { ChartLinks } from './charts/chart-links';

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
  /** Transactions the anomaly detector flagged. */
  readonly flags: FlagRepository;
  /** The data's "today" (as-of date of the loaded bank), `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly features: FeatureFlags;
  /** The bank's policy handbook: search, and the sections other skills cite. */
  readonly policy: PolicyLookup;
  readonly models: ModelServices;
  /** Campaign lists and their signed export links. */
  readonly campaigns: CampaignServices;
  /** Governed portfolio statistics (portfolio_stats). */
  readonly portfolio: PortfolioRepository;
  /** The stored customer segmentation (segment_overview, and portfolio_stats' segment figures). */
  readonly segments: SegmentRepository;
  /** Absolute links to the chart images the bot serves, for cards. */
  readonly charts: ChartLinks;
  /** Grounded answers to policy questions (LLM path); absent without an LLM. */
  readonly policyAnswerer?: PolicyAnswerer;
}

/** The trained models the bot loaded at start (newest valid version of each). */
export interface ModelServices {
  readonly active: ActiveModels;
  /** Full, fresh breakdown of one customer's scores; null when the customer does not exist. */
  explain(customerId: string): Promise<CustomerExplanation | null>;
  /** The customer's stored segment (newest segmentation), or null when not segmented. */
  segmentOf(customerId: string): Promise<{ segmentId: number; modelVersion: string; distance: number } | null>;
  /** Population stability of a model's most important features between training and today's customers. */
  drift(model: LoadedModel): Promise<DriftReport>;
}
