import type { CampaignCandidate, CampaignCounts, CampaignQuery, CampaignRepository, SegmentRef } from '../../data/repositories/campaign-repository';
import type { CustomerScope } from '../../data/scope';
import { PRODUCTS, type ProductCode } from '../../data/vocabulary';
import { isKnownFeature } from '../../models/features/catalogue';
import { describeReason } from '../../models/features/describe';
import type { Language } from '../contracts';
import { ageAt } from '../i18n';
import { maskPhone } from '../pii';
import { CONTACT_COOLDOWN_DAYS, type CampaignTargetsInput } from './input';

/** One customer on a campaign list; the phone is already masked. */
export interface CampaignRow {
  rank: number;
  customerId: string;
  name: string;
  namePinyin: string;
  phone: string;
  city: string;
  age: number;
  score: number;
  /** Why the customer is on the list: the strongest reason behind the score, in the user's language. */
  reason: string;
}

/** Removals by contact rule, in the order the rules apply (the first rule that matches wins). */
export type CampaignExclusions = Omit<CampaignCounts, 'eligible'>;

/** The filters as applied, for the card and the trace (only what was asked). */
export interface AppliedFilters {
  ageMin?: number;
  ageMax?: number;
  city?: string;
  minBalance?: number;
  segment?: { id: number; nameEn: string; nameZh: string };
  churnRisk?: string;
  excludeChurnRisk?: string[];
  creditRiskBand?: string;
  limit?: number;
}

export interface CampaignList {
  product: ProductCode;
  filters: AppliedFilters;
  /** Customers matching the filters, in scope, before the contact rules. */
  eligible: number;
  /** Customers who pass every contact rule: eligible minus every removal. */
  total: number;
  rows: CampaignRow[];
  exclusions: CampaignExclusions;
  /** `propensity_<product> v<n>` of the scores listed; null when nothing was listed. */
  modelVersion: string | null;
  /** The data's as-of date the contact rules were applied at. */
  asOf: string;
  /** When the scores were computed (batch scoring's as-of date); null when nothing was listed. */
  scoredAsOf: string | null;
  /** Credit bands left out (D and E for credit products). */
  excludedBands: string[];
  contactCooldownDays: number;
}

export type CampaignListOutcome = { kind: 'list'; list: CampaignList } | { kind: 'unknown_segment'; segment: string | number };

/**
 * Builds a campaign list within `scope`: the repository ranks and applies the contact rules, this adds
 * the reasons, ages and masking. Shared by the skill (on screen) and the CSV export (re-run within the
 * link owner's current scope), so both always apply the same rules.
 */
export async function buildCampaignList(
  repo: CampaignRepository,
  scope: CustomerScope,
  input: CampaignTargetsInput & { product: ProductCode },
  options: {
    asOf: string;
    language: Language;
    maxRows: number;
    /** false skips the counting pass (CSV exports); the counts are then zero. */
    counts?: boolean;
    /**
     * Reasons for a listed customer whose stored reasons are empty (batch scoring stores them only for
     * the top of each product's scores); at most ON_DEMAND_REASONS rows per list are explained.
     */
    explainReasons?: ReasonExplainer;
  },
): Promise<CampaignListOutcome> {
  if (!Number.isInteger(options.maxRows) || options.maxRows < 1) throw new Error(`maxRows must be a positive integer, got ${options.maxRows}`);
  let segment: SegmentRef | undefined;
  if (input.segment !== undefined) {
    segment = await repo.findSegment(input.segment);
    if (!segment) return { kind: 'unknown_segment', segment: input.segment };
  }
  const query = toQuery(input, scope, options.asOf, segment);
  const counts = options.counts === false ? undefined : await repo.exclusionCounts(query);
  const qualifying = counts ? counts.eligible - (counts.noConsent + counts.doNotContact + counts.recentlyContacted + counts.alreadyHolds + counts.riskBand) : undefined;
  const candidates = qualifying === 0 ? [] : await repo.topCandidates(query, options.maxRows, await choosePlan(repo, query, options.maxRows, qualifying));
  const { eligible, ...exclusions } = counts ?? { eligible: candidates.length, noConsent: 0, doNotContact: 0, recentlyContacted: 0, alreadyHolds: 0, riskBand: 0 };
  const removed = Object.values(exclusions).reduce((s, n) => s + n, 0);
  const top = candidates[0];
  const reasons = await fillMissingReasons(candidates, input.product, options.explainReasons);
  return {
    kind: 'list',
    list: {
      product: input.product,
      filters: appliedFilters(input, segment),
      eligible,
      total: eligible - removed,
      rows: candidates.map((c, i) => toRow({ ...c, reasons: reasons[i] }, i + 1, options.asOf, options.language)),
      exclusions,
      modelVersion: top ? `propensity_${input.product} v${top.modelVersion}` : null,
      asOf: options.asOf,
      scoredAsOf: top?.scoredAsOf ?? null,
      excludedBands: [...query.excludedBands],
      contactCooldownDays: CONTACT_COOLDOWN_DAYS,
    },
  };
}

/** Explains why one customer scores high for a product (strongest reason first); null when unknown. */
export type ReasonExplainer = (customerId: string, product: ProductCode) => Promise<readonly StoredReason[] | null>;

/** Most rows of one list explained on demand (each costs a single-customer feature query). */
export const ON_DEMAND_REASONS = 50;

/** The candidates' reasons JSON, with stored-empty ones explained on demand (in rank order, up to the cap). */
async function fillMissingReasons(candidates: readonly CampaignCandidate[], product: ProductCode, explain: ReasonExplainer | undefined): Promise<string[]> {
  const out = candidates.map((c) => c.reasons);
  if (!explain) return out;
  let asked = 0;
  for (let i = 0; i < out.length && asked < ON_DEMAND_REASONS; i++) {
    if (out[i].trim() !== '[]') continue;
    asked++;
    const found = await explain(candidates[i].customerId, product);
    if (found && found.length > 0) out[i] = JSON.stringify(found);
  }
  return out;
}

/** Rows the score-order walk may visit before the population plan is the cheaper one. */
const WALK_BUDGET = 50_000;

/**
 * Whole bank only: walk in score order when qualifying customers are common enough that `maxRows` of
 * them turn up within WALK_BUDGET scored customers; otherwise (selective filters, or no counts to judge
 * by) start from the customers and sort.
 */
async function choosePlan(repo: CampaignRepository, query: CampaignQuery, maxRows: number, qualifying: number | undefined): Promise<'score-order' | 'population'> {
  if (query.scope.kind !== 'all' || qualifying === undefined || qualifying <= 0) return 'population';
  const scored = await repo.scoredCount(query.product);
  return (maxRows * scored) / qualifying <= WALK_BUDGET ? 'score-order' : 'population';
}

/** The repository query for an input: age as birth-date bounds, contact cooldown, risk bands by product. */
export function toQuery(input: CampaignTargetsInput & { product: ProductCode }, scope: CustomerScope, asOf: string, segment?: SegmentRef): CampaignQuery {
  let { ageMin, ageMax } = input;
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) [ageMin, ageMax] = [ageMax, ageMin];
  return {
    product: input.product,
    scope,
    // Same rule as ageAt: age >= n exactly when born on or before the as-of month-day n years earlier.
    birthOnOrBefore: ageMin !== undefined ? yearsBefore(asOf, ageMin) : undefined,
    birthAfter: ageMax !== undefined ? yearsBefore(asOf, ageMax + 1) : undefined,
    city: input.city,
    minBalance: input.minBalance,
    segment: segment ? { modelVersion: segment.modelVersion, segmentId: segment.segmentId } : undefined,
    churnLevel: input.churnRisk,
    excludeChurnLevels: input.excludeChurnRisk,
    creditBand: input.creditRiskBand,
    contactedSince: daysBefore(asOf, CONTACT_COOLDOWN_DAYS),
    excludedBands: PRODUCTS[input.product].isCredit ? ['D', 'E'] : [],
  };
}

/** `YYYY-MM-DD` n years earlier, kept as text so 29 February compares the way ageAt counts birthdays. */
function yearsBefore(asOf: string, years: number): string {
  const year = Number(asOf.slice(0, 4)) - years;
  return `${String(year).padStart(4, '0')}${asOf.slice(4, 10)}`;
}

function daysBefore(asOf: string, days: number): string {
  const d = new Date(`${asOf.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`as-of date is not an ISO date: ${asOf}`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function appliedFilters(input: CampaignTargetsInput, segment: SegmentRef | undefined): AppliedFilters {
  const f: AppliedFilters = {};
  if (input.ageMin !== undefined) f.ageMin = input.ageMin;
  if (input.ageMax !== undefined) f.ageMax = input.ageMax;
  if (input.city !== undefined) f.city = input.city;
  if (input.minBalance !== undefined) f.minBalance = input.minBalance;
  if (segment) f.segment = { id: segment.segmentId, nameEn: segment.nameEn, nameZh: segment.nameZh };
  if (input.churnRisk !== undefined) f.churnRisk = input.churnRisk;
  if (input.excludeChurnRisk?.length) f.excludeChurnRisk = [...input.excludeChurnRisk];
  if (input.creditRiskBand !== undefined) f.creditRiskBand = input.creditRiskBand;
  if (input.limit !== undefined) f.limit = input.limit;
  return f;
}

/**
 * One reason behind a propensity score (the fields the list reads): batch scoring stores the reason
 * code (feature and value) and the sentence is written here; explanations made on demand, and rows
 * stored by earlier versions, carry the sentences themselves.
 */
export interface StoredReason {
  feature?: string;
  value?: number | null;
  contribution?: number;
  text_en?: string;
  text_zh?: string;
}

function toRow(c: CampaignCandidate, rank: number, asOf: string, lang: Language): CampaignRow {
  return {
    rank,
    customerId: c.customerId,
    name: c.name,
    namePinyin: c.namePinyin,
    phone: maskPhone(c.phone),
    city: c.city,
    age: ageAt(c.birthDate, asOf),
    score: c.score,
    reason: reasonText(c.reasons, lang),
  };
}

/** The strongest reason pushing the score up (scoring stores them strongest first). */
export function reasonText(json: string, lang: Language): string {
  let reasons: StoredReason[] = [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed)) reasons = parsed.filter((r): r is StoredReason => typeof r === 'object' && r !== null);
  } catch {
    // A malformed reasons column must not hide the customer; the fallback sentence says why.
    reasons = [];
  }
  const best = reasons.find((r) => (r.contribution ?? 0) > 0) ?? reasons[0];
  const text = (lang === 'zh' ? best?.text_zh : best?.text_en) ?? sentenceOf(best, lang);
  if (text) return text;
  return lang === 'zh' ? '模型评分较高' : 'High model score';
}

/** The sentence of a stored reason code; undefined when it names no feature of the catalogue. */
function sentenceOf(reason: StoredReason | undefined, lang: Language): string | undefined {
  if (typeof reason?.feature !== 'string' || !isKnownFeature(reason.feature)) return undefined;
  return describeReason({ feature: reason.feature, value: typeof reason.value === 'number' ? reason.value : null }, lang);
}
