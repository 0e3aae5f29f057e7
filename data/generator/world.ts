import { addMonths, type Day } from './dates';
import { allocateRms, campaignPlans, type CampaignPlan } from './reference';

/** Everything about the bank as a whole that a single customer's rows depend on. */
export interface World {
  readonly seed: number;
  readonly customers: number;
  /** The data's "today": no event happens on or after it. */
  readonly asOf: Day;
  /** First day of the year of transaction history (asOf − 12 months). */
  readonly historyStart: Day;
  /** Training snapshot (asOf − 6 months): features before it, outcomes (default, churn, take-up) after it. */
  readonly snapshot: Day;
  /** First month (index) of repayment history: 24 months before asOf. */
  readonly repaymentStartMonth: number;
  readonly rmsByBranch: readonly (readonly string[])[];
  readonly campaigns: readonly CampaignPlan[];
  /** Multiplies every customer's number of everyday transactions (1 = the documented default). */
  readonly transactionDensity: number;
}

export function makeWorld(seed: number, customers: number, asOf: Day, transactionDensity: number): World {
  const historyStart = addMonths(asOf, -12);
  const d = new Date(asOf * 86_400_000);
  return {
    seed,
    customers,
    asOf,
    historyStart,
    snapshot: addMonths(asOf, -6),
    repaymentStartMonth: d.getUTCFullYear() * 12 + d.getUTCMonth() - 24,
    rmsByBranch: allocateRms(customers),
    campaigns: campaignPlans(historyStart),
    transactionDensity,
  };
}

/**
 * Fixed customers that tests and demos rely on (0-based customer index). See README.md.
 * C000001 and C000002 are both 王伟 (different cities and relationship managers); C000003 has a name
 * no other customer can get; C000004 filed an open complaint containing a prompt-injection attempt;
 * C000005 has injected unusual transactions in the last 60 days.
 */
export const FIXED = {
  wangWeiBeijing: 0,
  wangWeiShanghai: 1,
  uniqueName: 2,
  injectionComplaint: 3,
  anomaly: 4,
} as const;
