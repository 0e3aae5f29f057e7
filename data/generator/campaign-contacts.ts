import type { ProductCode } from '../vocabulary';
import { formatTimestamp, type Day } from './dates';
import { clamp01 } from './prng';
import type { Profile, Traits } from './customer-profile';
import type { BankRow } from './types';
import type { World } from './world';

/** A product the customer started to hold on a given day. */
export interface Opening {
  readonly product: ProductCode | 'current_account' | 'savings_account';
  readonly opened: Day;
  readonly viaCampaign?: string;
}

/** How well a campaign's targeting rule would rate the customer (the bank's own guess, before the outcome). */
function relevance(product: ProductCode, t: Traits, age: number, occupation: string): number {
  switch (product) {
    case 'wealth_management':
      return 0.4 + 1.2 * t.affluence;
    case 'term_deposit':
      return 0.6 + 0.6 * t.affluence + (age >= 50 ? 0.3 : 0);
    case 'fx_remittance':
      return 0.4 + 1.2 * t.travel;
    case 'mortgage':
      return age >= 26 && age <= 50 ? 0.5 + t.affluence : 0.2;
    case 'sme_loan':
      return occupation === 'business owner' ? 2 : 0.15;
    case 'personal_loan':
      return 0.7 + 0.5 * t.stress;
    case 'credit_card':
      return 0.6 + 0.6 * t.digital;
  }
}

/** The true chance that the customer takes the product up when contacted: the signal propensity models learn. */
export function acceptProbability(product: ProductCode, t: Traits, age: number, occupation: string): number {
  let p: number;
  switch (product) {
    case 'wealth_management':
      p = 0.01 + 0.45 * t.affluence ** 2;
      break;
    case 'term_deposit':
      p = 0.02 + 0.22 * t.affluence * (1 - 0.5 * t.digital) + (age >= 50 ? 0.08 : 0);
      break;
    case 'fx_remittance':
      p = 0.01 + 0.5 * t.travel ** 1.5;
      break;
    case 'mortgage':
      p = age >= 26 && age <= 50 ? 0.01 + 0.2 * t.affluence * (1 - t.stress) : 0.005;
      break;
    case 'sme_loan':
      p = occupation === 'business owner' ? 0.3 : 0.005;
      break;
    case 'personal_loan':
      p = 0.01 + 0.3 * t.stress ** 1.5;
      break;
    case 'credit_card':
      p = 0.02 + 0.15 * t.digital + 0.08 * t.stress;
      break;
  }
  return clamp01(p * (1 - 0.8 * t.disengagement));
}

/**
 * Contacts of the year's campaigns with their outcomes. Only customers who consented to marketing and
 * are not on the do-not-contact list are ever contacted (the bank's rule); a customer who already holds
 * the product, had not joined yet, or had left is not eligible.
 */
export function drawCampaignContacts(
  world: World,
  p: Profile,
  holdings: readonly Opening[],
): { rows: BankRow<'campaign_contacts'>[]; openings: Opening[] } {
  const rows: BankRow<'campaign_contacts'>[] = [];
  const openings: Opening[] = [];
  if (!p.consent || p.doNotContact) return { rows, openings };
  const rng = p.rng;
  const t = p.traits;
  for (const c of world.campaigns) {
    const day = rng.int(c.start, c.end);
    if (p.joined >= c.start || (p.churnDay !== null && p.churnDay <= day + 20)) continue;
    const holds = (o: Opening) => o.product === c.product && o.opened <= day;
    if (holdings.some(holds) || openings.some(holds)) continue;
    if (!rng.chance(c.reach * relevance(c.product, t, p.age, p.occupation))) continue;
    const accept = rng.chance(acceptProbability(c.product, t, p.age, p.occupation));
    const outcome = accept ? 'accepted' : rng.chance(0.35 + 0.45 * t.disengagement) ? 'no_response' : 'declined';
    rows.push({
      campaign_id: c.id,
      customer_id: p.id,
      contacted_at: formatTimestamp(day, rng.int(9 * 3600, 19 * 3600)),
      channel: c.channel,
      outcome,
    });
    if (accept) openings.push({ product: c.product, opened: Math.min(world.asOf - 1, day + rng.int(1, 14)), viaCampaign: c.id });
  }
  return { rows, openings };
}
