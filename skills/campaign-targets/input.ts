import { z } from 'zod';
import { CHURN_LEVELS } from '../../data/vocabulary';
import { entitiesSchema } from '../contracts';

/** Rows a card lists at most; the full list goes to the export. */
export const SCREEN_MAX = 1000;
/** Rows when the user did not say how many. */
export const DEFAULT_LIMIT = 20;
/** Rows an export holds at most. */
export const EXPORT_MAX = 100_000;
/** Rows previewed on the card (the trace result carries the whole shown list). */
export const PREVIEW_ROWS = 10;
/** Customers contacted this many days before the data's as-of date are left out (contact frequency rule). */
export const CONTACT_COOLDOWN_DAYS = 30;

/**
 * What a campaign list request may say. `product` is optional in the schema so that a request without
 * it reaches the skill, which asks "Which product?" rather than failing validation.
 * `limit` is how many customers the user asked for: the card shows at most SCREEN_MAX of them, the
 * export all of them (up to EXPORT_MAX); without a limit the card shows DEFAULT_LIMIT and the export
 * every qualifying customer.
 */
export const campaignTargetsInput = entitiesSchema
  .pick({ product: true, ageMin: true, ageMax: true, city: true, minBalance: true, churnRisk: true, creditRiskBand: true })
  .extend({
    limit: z.number().int().positive().max(EXPORT_MAX).optional(),
    /** A segment number or its name (English or Chinese) in the newest segmentation. */
    segment: z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(64)]).optional(),
    /** Churn levels to leave out ("exclude high churn"). */
    excludeChurnRisk: z.array(z.enum(CHURN_LEVELS)).max(3).optional(),
    /** Also create a signed CSV export link. */
    export: z.boolean().optional(),
  });

export type CampaignTargetsInput = z.infer<typeof campaignTargetsInput>;
