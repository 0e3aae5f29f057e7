import type { Population, TransactionContext, TransactionRow } from './types';

/** The numeric features of one transaction, in this order (the isolation forest's columns). */
export const TRANSACTION_FEATURES = [
  'log_amount',
  'own_amount_z',
  'category_amount_z',
  'unusual_hour',
  'new_country',
  'country_rarity',
  'new_merchant',
  'merchant_rarity',
  'new_category',
  'last_hour_count',
  'cross_border',
  'history_size',
] as const;
export const TRANSACTION_FEATURE_COUNT = TRANSACTION_FEATURES.length;

/** Prior transactions in a direction needed before the customer's own amounts count as a baseline. */
export const MIN_BASELINE = 5;
/** Prior transactions needed before an hour of day can be called unusual for this customer. */
const MIN_HOUR_HISTORY = 10;
/** Floor on the robust spread of ln(amount), so near-constant histories (salary) do not explode z. */
const MIN_LOG_SPREAD = 0.25;
const NIGHT_END_HOUR = 6;
const EPISODE_MS = 6 * 3_600_000;

/** Rarity on a log scale: −log10(share), 0 for everyone, 4 for one customer in 10,000 or fewer. */
export function rarity(share: number): number {
  return Math.min(4, -Math.log10(Math.max(1e-4, share)));
}

/** Median of a sorted array. */
function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function insertSorted(a: number[], v: number): void {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((a[m] as number) <= v) lo = m + 1;
    else hi = m;
  }
  a.splice(lo, 0, v);
}

function medianAbsDeviation(sorted: readonly number[], centre: number): number {
  const dev = sorted.map((v) => Math.abs(v - centre)).sort((a, b) => a - b);
  return median(dev);
}

/** Robust z of `v` against a median and MAD, with a floor on the spread. */
export function robustZ(v: number, centre: number, mad: number): number {
  return (v - centre) / Math.max(MIN_LOG_SPREAD, 1.4826 * mad);
}

/**
 * One customer's history as it stood before the transaction being scored. Transactions must be added in
 * time order; nothing later than the transaction being scored is ever consulted.
 */
export class CustomerHistory {
  private readonly logAmounts: Record<'debit' | 'credit', number[]> = { debit: [], credit: [] };
  private readonly countries = new Set<string>();
  private readonly merchants = new Set<string>();
  private readonly categories = new Set<string>();
  private readonly times: number[] = [];
  private readonly nightTimes: number[] = [];
  private count = 0;

  /** Features and context of `tx` against the history so far; writes features into `out` at `offset`. */
  describe(tx: TransactionRow, population: Population, out: Float64Array, offset = 0): TransactionContext {
    const t = Date.parse(tx.ts);
    const hour = Number(tx.ts.slice(11, 13));
    const logAmount = Math.log(Math.max(1, tx.amount));
    const own = this.logAmounts[tx.direction === 'credit' ? 'credit' : 'debit'];
    let ownZ = 0;
    let ratio = NaN;
    let usualAmount = NaN;
    if (own.length >= MIN_BASELINE) {
      const m = median(own);
      ownZ = robustZ(logAmount, m, medianAbsDeviation(own, m));
      usualAmount = Math.exp(m);
      ratio = tx.amount / usualAmount;
    }
    const cat = population.categoryLogAmount[tx.category];
    const categoryZ = cat ? robustZ(logAmount, cat.median, cat.mad) : 0;
    const night = hour < NIGHT_END_HOUR;
    // Night-time habits are judged on history older than the current episode, so that the second
    // transaction of a 3 am spree does not make 3 am look normal.
    let nightBefore = 0;
    for (const n of this.nightTimes) if (n < t - EPISODE_MS) nightBefore++;
    const unusualHour = night && this.count >= MIN_HOUR_HISTORY && nightBefore / this.count < 0.05;
    const countryNew = this.count > 0 && !this.countries.has(tx.country);
    const merchantNew = this.count > 0 && !this.merchants.has(tx.merchant);
    const categoryNew = this.count > 0 && !this.categories.has(tx.category);
    const countryShare = population.countryShare[tx.country] ?? 0;
    const merchantShare = population.merchantShare[tx.merchant] ?? 0;
    let lastHourCount = 0;
    for (let i = this.times.length - 1; i >= 0 && t - (this.times[i] as number) <= 3_600_000; i--) lastHourCount++;

    out[offset + 0] = logAmount;
    out[offset + 1] = Math.max(-5, Math.min(15, ownZ));
    out[offset + 2] = Math.max(-5, Math.min(15, categoryZ));
    out[offset + 3] = unusualHour ? 1 : 0;
    out[offset + 4] = countryNew ? 1 : 0;
    out[offset + 5] = tx.country === 'CN' ? 0 : rarity(countryShare);
    out[offset + 6] = merchantNew ? 1 : 0;
    out[offset + 7] = rarity(merchantShare);
    out[offset + 8] = categoryNew ? 1 : 0;
    out[offset + 9] = Math.min(10, lastHourCount);
    out[offset + 10] = tx.is_cross_border ? 1 : 0;
    out[offset + 11] = Math.log1p(this.count);
    return {
      ratio,
      usualAmount,
      priorCount: this.count,
      countryNew,
      countryShare,
      merchantNew,
      merchantShare,
      categoryNew,
      hour,
      unusualHour,
      lastHourCount,
    };
  }

  add(tx: TransactionRow): void {
    insertSorted(this.logAmounts[tx.direction === 'credit' ? 'credit' : 'debit'], Math.log(Math.max(1, tx.amount)));
    this.countries.add(tx.country);
    this.merchants.add(tx.merchant);
    this.categories.add(tx.category);
    this.times.push(Date.parse(tx.ts));
    if (Number(tx.ts.slice(11, 13)) < NIGHT_END_HOUR) this.nightTimes.push(Date.parse(tx.ts));
    this.count++;
  }
}

/**
 * Walks one customer's transactions (in time order) and calls `visit` for each one at or after
 * `windowStart`, with its features and context computed from the earlier ones only.
 */
export function walkCustomer(
  transactions: readonly TransactionRow[],
  population: Population,
  windowStart: string,
  visit: (tx: TransactionRow, features: Float64Array, context: TransactionContext) => void,
): void {
  const history = new CustomerHistory();
  for (const tx of transactions) {
    if (tx.ts >= windowStart) {
      const features = new Float64Array(TRANSACTION_FEATURE_COUNT);
      visit(tx, features, history.describe(tx, population, features));
    }
    history.add(tx);
  }
}

/** Median and MAD of ln(amount) per category over a set of transactions. */
export function categoryLogAmountStats(transactions: Iterable<TransactionRow>): Record<string, { median: number; mad: number }> {
  const by = new Map<string, number[]>();
  for (const tx of transactions) {
    let a = by.get(tx.category);
    if (!a) by.set(tx.category, (a = []));
    a.push(Math.log(Math.max(1, tx.amount)));
  }
  const out: Record<string, { median: number; mad: number }> = {};
  for (const [category, values] of by) {
    values.sort((x, y) => x - y);
    const m = median(values);
    out[category] = { median: m, mad: medianAbsDeviation(values, m) };
  }
  return out;
}
