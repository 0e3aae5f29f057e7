import type { ProductCode } from '../vocabulary';
import type { Opening } from './campaign-contacts';
import type { Profile } from './customer-profile';
import { addMonths, dayInMonth, formatDay, monthIndex, monthKey, type Day } from './dates';
import { clamp, clamp01, round2 } from './prng';
import type { BankRow } from './types';
import type { World } from './world';

export type AccountProduct = Opening['product'];

/** An account as the generator tracks it (days as numbers); becomes an `accounts` row. */
export interface Holding {
  readonly id: string;
  readonly product: AccountProduct;
  readonly opened: Day;
  closed: Day | null;
  balance: number;
  creditLimit: number | null;
}

export interface IdCounters {
  account: number;
  facility: number;
  interaction: number;
  transaction: number;
}

const CREDIT_PRODUCTS: ReadonlySet<string> = new Set(['credit_card', 'personal_loan', 'mortgage', 'sme_loan']);

/** Products held without any campaign: everyone has a current and a savings account; the rest follow the traits. */
export function drawOrganicOpenings(world: World, p: Profile): Opening[] {
  const rng = p.rng;
  const t = p.traits;
  const lastOpen = world.asOf - 30;
  const between = (from: Day, to: Day): Day => (from >= to ? to : rng.int(from, to));
  const since = (from: Day) => between(Math.max(p.joined, from), lastOpen);
  const out: Opening[] = [{ product: 'current_account', opened: p.joined }];
  out.push({ product: 'savings_account', opened: rng.chance(0.7) ? p.joined : since(p.joined) });
  const maybe = (product: ProductCode, probability: number, from: Day = p.joined) => {
    if (rng.chance(clamp01(probability))) out.push({ product, opened: since(from) });
  };
  maybe('term_deposit', 0.08 + 0.4 * t.affluence + (p.age >= 50 ? 0.1 : 0));
  maybe('wealth_management', 0.02 + 0.6 * t.affluence ** 2);
  maybe('credit_card', p.age < 22 ? 0.1 : 0.2 + 0.3 * t.digital + 0.15 * t.stress);
  maybe('personal_loan', 0.03 + 0.3 * t.stress ** 1.5 + 0.03 * (1 - t.affluence), addMonths(world.asOf, -48));
  if (p.age >= 27 && p.age <= 62) maybe('mortgage', 0.05 + 0.3 * t.affluence * (1 - 0.5 * t.stress), addMonths(world.asOf, -120));
  maybe('sme_loan', p.occupation === 'business owner' ? 0.45 : 0.01, addMonths(world.asOf, -30));
  maybe('fx_remittance', 0.02 + 0.45 * t.travel ** 2);
  // A customer who left does not open anything in the month before leaving.
  if (p.churnDay === null) return out;
  const lastBeforeLeaving = p.churnDay - 30;
  return out
    .map((o) => (o.product === 'savings_account' && o.opened >= lastBeforeLeaving ? { ...o, opened: p.joined } : o))
    .filter((o) => o.product === 'current_account' || o.opened < lastBeforeLeaving);
}

export interface HoldingsResult {
  holdings: Holding[];
  accounts: BankRow<'accounts'>[];
  facilities: BankRow<'credit_facilities'>[];
  repayments: BankRow<'repayments'>[];
}

/**
 * Turns openings into accounts, closes what churn closes, sets balances at the as-of date, and simulates
 * each credit facility's monthly repayments (financial stress drives missed payments; 90+ days past due
 * is a default, after which the history stops).
 */
export function materialiseHoldings(world: World, p: Profile, openings: readonly Opening[], ids: IdCounters): HoldingsResult {
  const rng = p.rng;
  const t = p.traits;
  const holdings: Holding[] = [];
  const facilities: BankRow<'credit_facilities'>[] = [];
  const repayments: BankRow<'repayments'>[] = [];
  const wealth = Math.exp(3 * t.affluence);

  // Partly disengaged customers who stay still move money out: they close an investment near the end.
  const partialExitDay =
    p.churnDay === null && t.disengagement > 0.5 && rng.chance((t.disengagement - 0.5) * 1.2) ? world.asOf - rng.int(5, 150) : null;

  for (const o of openings) {
    const h: Holding = { id: `A${String(++ids.account).padStart(7, '0')}`, product: o.product, opened: o.opened, closed: null, balance: 0, creditLimit: null };
    holdings.push(h);
    switch (o.product) {
      case 'current_account':
        h.balance = rng.logNormal(3000 * wealth, 0.8);
        break;
      case 'savings_account':
        h.balance = rng.logNormal(12_000 * wealth ** 1.15, 0.9);
        break;
      case 'term_deposit':
        h.balance = Math.round(rng.logNormal(40_000 * wealth, 0.6) / 1000) * 1000;
        break;
      case 'wealth_management':
        h.balance = rng.logNormal(120_000 * wealth ** 1.1, 0.7);
        break;
      case 'fx_remittance':
        h.balance = rng.logNormal(5000 * wealth, 1);
        break;
      default:
        simulateCredit(world, p, h, o.product as ProductCode, ids, facilities, repayments);
    }
    if (p.churnDay !== null && !CREDIT_PRODUCTS.has(o.product)) h.closed = p.churnDay;
    if (partialExitDay !== null && (o.product === 'wealth_management' || o.product === 'term_deposit') && o.opened < partialExitDay - 30) {
      h.closed = partialExitDay;
    }
    if (h.closed !== null && !CREDIT_PRODUCTS.has(o.product)) h.balance = 0;
  }

  const accounts = holdings.map((h) => ({
    id: h.id,
    customer_id: p.id,
    product: h.product,
    opened_date: formatDay(h.opened),
    closed_date: h.closed === null ? null : formatDay(h.closed),
    status: h.closed === null ? 'active' : 'closed',
    balance: round2(h.balance),
    credit_limit: h.creditLimit === null ? null : round2(h.creditLimit),
  }));
  return { holdings, accounts, facilities, repayments };
}

const TERMS: Record<string, readonly number[]> = {
  credit_card: [12],
  personal_loan: [12, 24, 36, 60],
  mortgage: [240, 300, 360],
  sme_loan: [12, 24, 36],
};
const RISK_MULTIPLIER: Record<string, number> = { credit_card: 1, personal_loan: 1.25, mortgage: 0.45, sme_loan: 1.3 };

function simulateCredit(
  world: World,
  p: Profile,
  h: Holding,
  product: ProductCode,
  ids: IdCounters,
  facilities: BankRow<'credit_facilities'>[],
  repayments: BankRow<'repayments'>[],
): void {
  const rng = p.rng;
  const t = p.traits;
  const income = Math.max(p.annualIncome, 24_000);
  const term = rng.pick(TERMS[product] ?? [12]);
  let principal: number;
  let rate: number;
  switch (product) {
    case 'credit_card':
      principal = clamp(Math.round((income * rng.float() * 0.5 + 5000) / 1000) * 1000, 5000, 500_000);
      rate = 0.1825;
      break;
    case 'personal_loan':
      principal = clamp(Math.round(rng.logNormal(income * 0.6, 0.5) / 1000) * 1000, 10_000, 1_000_000);
      rate = round4(0.045 + 0.08 * t.stress + 0.01 * rng.float());
      break;
    case 'mortgage':
      principal = clamp(Math.round(rng.logNormal(income * 6, 0.4) / 10_000) * 10_000, 200_000, 15_000_000);
      rate = round4(0.031 + 0.008 * rng.float());
      break;
    default:
      principal = clamp(Math.round(rng.logNormal(income * 3, 0.6) / 10_000) * 10_000, 50_000, 5_000_000);
      rate = round4(0.04 + 0.04 * t.stress + 0.01 * rng.float());
  }
  h.creditLimit = principal;

  const revolving = product === 'credit_card';
  const monthlyRate = rate / 12;
  const annuity = revolving ? 0 : (principal * monthlyRate) / (1 - (1 + monthlyRate) ** -term);
  const firstMonth = monthIndex(h.opened) + 1;
  const maturityMonth = revolving ? Number.POSITIVE_INFINITY : firstMonth + term - 1;
  const asOfMonth = monthIndex(world.asOf);
  const churnMonth = revolving && p.churnDay !== null ? monthIndex(p.churnDay) : Number.POSITIVE_INFINITY;
  const lastMonth = Math.min(asOfMonth - 1, maturityMonth, churnMonth);
  const utilisation = clamp01(0.08 + 0.65 * t.stress + 0.12 * rng.normal());

  // A stress shock (job loss, illness) in some month raises the chance of missing payments from then on.
  const shockMonth = rng.chance(0.03 + 0.15 * t.stress) ? world.repaymentStartMonth + rng.int(0, 23) : Number.POSITIVE_INFINITY;
  const shock = 0.25 + 0.25 * rng.float();
  const risk = RISK_MULTIPLIER[product] ?? 1;

  const facilityId = `F${String(++ids.facility).padStart(7, '0')}`;
  let dpd = 0;
  let defaultDay: Day | null = null;
  let monthsPaid = Math.max(0, Math.min(lastMonth, world.repaymentStartMonth - 1) - firstMonth + 1);
  for (let m = Math.max(firstMonth, world.repaymentStartMonth); m <= lastMonth; m++) {
    const s = clamp01(t.stress + (m >= shockMonth ? shock : 0));
    const due = revolving ? Math.max(100, principal * utilisation * (0.08 + 0.04 * rng.float())) : annuity;
    let paid: number;
    if (dpd === 0) {
      if (rng.chance((0.0015 + 0.075 * s ** 3) * risk)) {
        dpd = 30;
        paid = due * 0.4 * rng.float();
      } else {
        paid = due;
        monthsPaid++;
      }
    } else if (rng.chance(clamp(0.8 - 0.6 * s, 0.1, 0.85))) {
      paid = due * (1 + dpd / 30); // catches up the arrears
      monthsPaid += 1 + dpd / 30;
      dpd = 0;
    } else {
      dpd += 30;
      paid = due * 0.3 * rng.float();
    }
    repayments.push({
      facility_id: facilityId,
      customer_id: p.id,
      month: monthKey(m),
      amount_due: round2(due),
      amount_paid: round2(paid),
      days_past_due: dpd,
    });
    if (dpd >= 90) {
      defaultDay = dayInMonth(m, 28);
      break;
    }
  }

  let status: string;
  if (defaultDay !== null) status = 'default';
  else if (!revolving && maturityMonth < asOfMonth) status = 'closed';
  else if (revolving && p.churnDay !== null) status = 'closed';
  else status = dpd > 0 ? 'delinquent' : 'current';

  if (revolving) h.balance = status === 'closed' ? 0 : principal * utilisation;
  else if (status === 'closed') h.balance = 0;
  else {
    const k = Math.min(term, Math.floor(monthsPaid));
    h.balance = principal * (1 + monthlyRate) ** k - (annuity * ((1 + monthlyRate) ** k - 1)) / monthlyRate;
  }
  if (status === 'closed') h.closed = revolving ? (p.churnDay as Day) : dayInMonth(maturityMonth, 28);

  facilities.push({
    id: facilityId,
    customer_id: p.id,
    account_id: h.id,
    product,
    principal,
    opened_date: formatDay(h.opened),
    term_months: term,
    interest_rate: rate,
    status,
    default_date: defaultDay === null ? null : formatDay(defaultDay),
  });
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
