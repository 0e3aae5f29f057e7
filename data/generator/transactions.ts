import type { Profile } from './customer-profile';
import { dayInMonth, formatTimestamp, monthIndex, type Day } from './dates';
import type { Holding, IdCounters } from './holdings';
import { clamp, round2, type Rng } from './prng';
import {
  EMPLOYERS,
  HOUR_TABLE,
  REMITTANCE_COUNTRIES,
  spendTable,
  travelTable,
  UNUSUAL_COUNTRIES,
} from './transaction-catalog';
import type { BankRow } from './types';
import { FIXED, type World } from './world';

interface Draft {
  day: Day;
  second: number;
  account: string;
  amount: number;
  direction: 'debit' | 'credit';
  channel: string;
  category: string;
  merchant: string;
  country: string;
  anomaly: 0 | 1;
}

/** Share of customers with an injected episode of unusual transactions (1–5 rows each). */
const ANOMALY_RATE = 0.025;

/**
 * About a year of transactions before the as-of date. Volume follows digital affinity and engagement;
 * disengaged customers fade out over the last months and churners stop at their churn day (after moving
 * their money out and redirecting their salary); travellers spend abroad; a few customers get injected
 * unusual transactions, flagged `injected_anomaly = 1`.
 */
export function drawTransactions(world: World, p: Profile, holdings: readonly Holding[], ids: IdCounters): BankRow<'transactions'>[] {
  const rng = p.rng;
  const t = p.traits;
  const start = Math.max(world.historyStart, p.joined);
  const end = p.churnDay ?? world.asOf; // exclusive
  if (end <= start) return [];
  const current = holdings.find((h) => h.product === 'current_account');
  if (!current) throw new Error(`customer ${p.id} has no current account`);
  const card = holdings.find((h) => h.product === 'credit_card');
  const fx = holdings.find((h) => h.product === 'fx_remittance');
  const cardOpen = (d: Day) => card !== undefined && card.opened <= d && (card.closed === null || d < card.closed);
  const spendAccount = (d: Day) => (cardOpen(d) && rng.chance(0.55) ? (card as Holding).id : current.id);
  const scale = Math.exp(1.4 * (t.affluence - 0.35));
  const drafts: Draft[] = [];
  const add = (d: Draft) => {
    d.amount = round2(Math.max(1, d.amount));
    drafts.push(d);
  };
  const hourSecond = () => rng.weighted(HOUR_TABLE) * 3600 + rng.int(0, 3599);
  const remoteChannel = () => (rng.chance((1 - t.digital) * 0.35) ? 'branch' : rng.chance(0.65) ? 'mobile' : 'online');

  // Engagement: disengaged customers fade over the last five months; churners fade over four months, then stop.
  const declineFrom = world.asOf - 150;
  const declineStrength = clamp((t.disengagement - 0.4) * 1.6, 0, 0.9);
  const activity = (d: Day): number => {
    if (p.churnDay !== null) {
      const from = p.churnDay - 120;
      return d < from ? 1 : 1 - (0.8 * (d - from)) / 120;
    }
    return d < declineFrom ? 1 : 1 - (declineStrength * (d - declineFrom)) / (world.asOf - declineFrom);
  };

  const trips: { from: Day; to: Day; country: string; merchants: readonly string[] }[] = [];
  const tripCount = rng.poisson(3.5 * t.travel ** 2);
  for (let i = 0; i < tripCount; i++) {
    const from = rng.int(start, end - 1);
    const [country, merchants] = rng.weighted(travelTable);
    trips.push({ from, to: from + rng.int(3, 10), country, merchants });
  }

  const span = world.asOf - world.historyStart;
  const candidates = Math.round((6 + 36 * (0.55 * t.digital + 0.45 * (1 - t.disengagement))) * world.transactionDensity * rng.logNormal(1, 0.25));
  for (let i = 0; i < candidates; i++) {
    const day = world.historyStart + Math.floor(rng.float() * span);
    if (day < start || day >= end || !rng.chance(activity(day))) continue;
    const second = hourSecond();
    const trip = trips.find((tr) => day >= tr.from && day <= tr.to);
    const roll = rng.float();
    if (trip && roll < 0.7) {
      add({
        day, second, account: spendAccount(day), amount: rng.logNormal(500 * scale, 0.8), direction: 'debit',
        channel: rng.chance(0.2) ? 'mobile' : 'pos', category: rng.pick(['shopping', 'dining', 'travel', 'shopping']),
        merchant: rng.pick(trip.merchants), country: trip.country, anomaly: 0,
      });
    } else if (roll < 0.05 + 0.12 * (1 - t.digital)) {
      add({
        day, second, account: current.id, amount: Math.max(100, Math.round(rng.logNormal(800 * scale, 0.5) / 100) * 100),
        direction: 'debit', channel: rng.chance(0.1) ? 'branch' : 'atm', category: 'cash_withdrawal', merchant: 'ATM 自助取款', country: 'CN', anomaly: 0,
      });
    } else if (roll < 0.25) {
      const out = roll < 0.2;
      add({
        day, second, account: current.id, amount: rng.logNormal((out ? 2000 : 1500) * scale, 0.9), direction: out ? 'debit' : 'credit',
        channel: remoteChannel(), category: out ? 'transfer_out' : 'transfer_in', merchant: 'Transfer 转账', country: 'CN', anomaly: 0,
      });
    } else {
      const c = rng.weighted(spendTable);
      const channel = c.online ? (rng.chance(0.3 + 0.6 * t.digital) ? 'mobile' : 'online') : rng.chance(0.15 + 0.6 * t.digital) ? 'mobile' : 'pos';
      add({
        day, second, account: spendAccount(day), amount: rng.logNormal(c.median * scale, 0.7), direction: 'debit', channel,
        category: c.category, merchant: rng.pick(c.merchants), country: 'CN', anomaly: 0,
      });
    }
  }

  addIncome(world, p, start, end, current.id, add);

  if (fx && fx.opened < end) {
    const from = Math.max(start, fx.opened);
    const to = Math.min(end, fx.closed ?? end);
    const count = to > from ? rng.poisson(1.5 + 5 * t.travel) : 0;
    for (let i = 0; i < count; i++) {
      const country = rng.weighted(REMITTANCE_COUNTRIES);
      add({
        day: rng.int(from, to - 1), second: rng.int(9 * 3600, 17 * 3600), account: fx.id, amount: rng.logNormal(15_000 * scale, 0.7),
        direction: 'debit', channel: remoteChannel(), category: 'remittance', merchant: `Remittance to ${country} 跨境汇款`, country, anomaly: 0,
      });
    }
  }

  // Money leaving the bank: before a churn, and when a partly disengaged customer closes an investment.
  const moveOut = (day: Day, amount: number) =>
    add({
      day, second: rng.int(9 * 3600, 20 * 3600), account: current.id, amount, direction: 'debit', channel: remoteChannel(),
      category: 'transfer_out', merchant: 'Transfer to other bank 跨行转出', country: 'CN', anomaly: 0,
    });
  if (p.churnDay !== null) {
    const moves = rng.int(1, 2);
    for (let i = 0; i < moves; i++) moveOut(Math.max(start, p.churnDay - rng.int(3, 20)), rng.logNormal(25_000 * Math.exp(3 * t.affluence), 0.6));
  }
  for (const h of holdings) {
    if (p.churnDay === null && h.closed !== null && (h.product === 'wealth_management' || h.product === 'term_deposit') && h.closed >= start) {
      moveOut(Math.min(world.asOf - 1, h.closed + rng.int(0, 3)), rng.logNormal(60_000 * Math.exp(2.5 * t.affluence), 0.5));
    }
  }

  if (p.index === FIXED.anomaly || rng.chance(ANOMALY_RATE)) {
    const from = Math.max(start, end - (p.index === FIXED.anomaly ? 60 : 120));
    if (from < end) injectAnomaly(rng, from, end, drafts, current.id, cardOpen, card?.id, scale);
  }

  drafts.sort((a, b) => a.day - b.day || a.second - b.second);
  return drafts.map((d) => ({
    id: ++ids.transaction,
    customer_id: p.id,
    account_id: d.account,
    ts: formatTimestamp(d.day, d.second),
    amount: d.amount,
    direction: d.direction,
    channel: d.channel,
    category: d.category,
    merchant: d.merchant,
    country: d.country,
    is_cross_border: d.country === 'CN' ? 0 : 1,
    injected_anomaly: d.anomaly,
  }));
}

function addIncome(world: World, p: Profile, start: Day, end: Day, account: string, add: (d: Draft) => void): void {
  if (p.income === 'none') return;
  const rng = p.rng;
  const dis = p.traits.disengagement;
  // Leavers move their salary to another bank first; some disengaged stayers do too.
  let stop = end;
  if (p.churnDay !== null) stop = p.churnDay - rng.int(30, 70);
  else if (dis > 0.55 && rng.chance(dis - 0.4)) stop = world.asOf - rng.int(20, 60);
  const payday = rng.int(5, 15);
  const employer = p.income === 'pension' ? 'Social Security 社保' : rng.pick(EMPLOYERS);
  for (let m = monthIndex(start); m <= monthIndex(end); m++) {
    const day = dayInMonth(m, payday);
    if (day < start || day >= stop) continue;
    add({
      day, second: rng.int(8 * 3600, 11 * 3600), account, amount: (p.annualIncome / 12) * (0.78 + 0.06 * rng.float()),
      direction: 'credit', channel: 'online', category: p.income === 'pension' ? 'pension' : 'salary', merchant: employer, country: 'CN', anomaly: 0,
    });
  }
}

function injectAnomaly(
  rng: Rng,
  from: Day,
  end: Day,
  drafts: Draft[],
  current: string,
  cardOpen: (d: Day) => boolean,
  card: string | undefined,
  scale: number,
): void {
  const debits = drafts.filter((d) => d.direction === 'debit').map((d) => d.amount).sort((a, b) => a - b);
  const typical = debits.length > 0 ? (debits[Math.floor(debits.length / 2)] as number) : 300 * scale;
  const day = rng.int(from, end - 1);
  const push = (d: Omit<Draft, 'anomaly' | 'day'>) => drafts.push({ day, ...d, amount: round2(d.amount), anomaly: 1 });
  const purchaseAccount = cardOpen(day) && card !== undefined ? card : current;
  switch (rng.int(0, 3)) {
    case 0: // a very large amount compared with the customer's own history
      push({
        second: rng.int(10 * 3600, 22 * 3600), account: current, amount: Math.max(20_000, typical * rng.int(25, 80)), direction: 'debit',
        channel: 'online', category: rng.pick(['shopping', 'transfer_out']), merchant: rng.pick(['Luxury Boutique 奢侈品店', 'Gold Exchange 黄金交易', 'Transfer 转账']), country: 'CN',
      });
      break;
    case 1: {
      // card used in a far-away country the customer has never been to
      const country = rng.pick(UNUSUAL_COUNTRIES);
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) {
        push({
          second: rng.int(0, 86_399), account: purchaseAccount, amount: rng.logNormal(3000 * scale, 0.5), direction: 'debit', channel: 'pos',
          category: 'shopping', merchant: rng.pick(['Electronics Store', 'Jewellery Store', 'Casino Cashier', 'Luxury Watches']), country,
        });
      }
      break;
    }
    case 2: {
      // a burst of small online purchases between 2 and 4 in the morning
      const n = rng.int(3, 5);
      let second = rng.int(2 * 3600, 3 * 3600);
      for (let i = 0; i < n; i++) {
        push({
          second, account: purchaseAccount, amount: rng.logNormal(1500, 0.4), direction: 'debit', channel: 'online',
          category: 'online_shopping', merchant: rng.pick(['Game Credits 游戏点卡', 'Gift Cards 礼品卡', 'Crypto OTC 数字货币']), country: 'CN',
        });
        second = Math.min(4 * 3600 - 1, second + rng.int(30, 600));
      }
      break;
    }
    default: // a large transfer abroad
      push({
        second: rng.int(0, 86_399), account: current, amount: rng.logNormal(250_000, 0.5), direction: 'debit', channel: 'online',
        category: 'transfer_out', merchant: 'Wire transfer 境外电汇', country: rng.pick(UNUSUAL_COUNTRIES),
      });
  }
}
