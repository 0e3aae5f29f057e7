import { z } from 'zod';
import { CHURN_LEVELS, CITY_NAMES, PRODUCT_CODES, RISK_BANDS } from '../data/vocabulary';

/** Intent names (DESIGN.md). Tests outside the repo rely on these exact strings. */
export const INTENTS = [
  'help',
  'customer_profile',
  'credit_risk',
  'churn_risk',
  'customer_segment',
  'segment_overview',
  'campaign_targets',
  'transaction_anomalies',
  'policy_qa',
  'portfolio_stats',
  'model_info',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export type Language = 'en' | 'zh';

/**
 * Normalised entities (DESIGN.md). A key is present only when the user said it.
 * `ageMax` for "under 35" is 34 (the bound is exclusive); "35 or younger" gives 35.
 */
export const entitiesSchema = z.object({
  customerId: z.string().regex(/^C\d{6}$/).optional(),
  customerName: z.string().min(1).max(64).optional(),
  product: z.enum(PRODUCT_CODES).optional(),
  limit: z.number().int().positive().optional(),
  ageMin: z.number().int().min(0).max(130).optional(),
  ageMax: z.number().int().min(0).max(130).optional(),
  city: z.enum(CITY_NAMES as [string, ...string[]]).optional(),
  minBalance: z.number().nonnegative().optional(),
  days: z.number().int().positive().optional(),
  churnRisk: z.enum(CHURN_LEVELS).optional(),
  creditRiskBand: z.enum(RISK_BANDS).optional(),
});
export type Entities = z.infer<typeof entitiesSchema>;

/** What a recognizer makes of one message. */
export interface Recognition {
  intent: Intent;
  /** 0..1; the built-in recognizer answers `none` below its threshold. */
  confidence: number;
  entities: Entities;
  /** The language to answer in: Chinese when the user wrote Chinese, English otherwise. */
  language: Language;
}
