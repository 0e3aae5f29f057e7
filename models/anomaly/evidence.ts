import { countryName } from './country-names';
import { rarity } from './history';
import type { TransactionContext, TransactionRow } from './types';

/** Reason codes a flag can carry. */
export type ReasonCode =
  | 'AMOUNT_UNUSUAL'
  | 'NEW_COUNTRY'
  | 'UNUSUAL_HOUR'
  | 'BURST'
  | 'RARE_MERCHANT'
  | 'NEW_CATEGORY'
  | 'LARGE_CROSS_BORDER_TRANSFER'
  | 'RARE_PATTERN';

/** One reason for a flag: a code, how much it contributed (0..1), and the sentence staff read. */
export interface Reason {
  code: ReasonCode;
  weight: number;
  en: string;
  zh: string;
}

/**
 * How much each kind of evidence can raise the score on its own (noisy-OR weights). A new far-away country
 * or a large transfer abroad is strong on its own; an odd hour or a new category only adds to other signs.
 */
export const EVIDENCE_WEIGHTS: Record<ReasonCode, number> = {
  AMOUNT_UNUSUAL: 0.8,
  NEW_COUNTRY: 0.85,
  UNUSUAL_HOUR: 0.45,
  BURST: 0.6,
  RARE_MERCHANT: 0.5,
  NEW_CATEGORY: 0.1,
  LARGE_CROSS_BORDER_TRANSFER: 0.8,
  RARE_PATTERN: 0.4,
};

/** Contributions below this are not worth a sentence. */
const REASON_FLOOR = 0.1;
const LARGE_TRANSFER_CNY = 50_000;
const TRANSFER_CATEGORIES = new Set(['transfer_out', 'remittance']);
/**
 * Moving money to another account or family abroad is routinely large for the bank as a whole, so an
 * amount far above a customer's everyday payments counts for less there than for a purchase.
 */
const TRANSFER_AMOUNT_FACTOR = 0.35;

/** 0 for places at least 1% of customers use, rising to 1 for places fewer than about 1 in 1,600 use. */
const placeRarity = (share: number) => clamp01((rarity(share) - 2) / 1.2);

const clamp01 = (v: number) => (v > 1 ? 1 : v > 0 ? v : 0);
const cny = (v: number) => `¥${Math.round(v).toLocaleString('en-US')}`;
const pct = (share: number) => (share >= 0.01 ? `${Math.round(share * 100)}%` : share >= 0.001 ? `${(share * 100).toFixed(1)}%` : `<0.1%`);
const times = (r: number) => (r >= 10 ? Math.round(r).toString() : r.toFixed(1));

/**
 * Evidence for each reason (0..1) from the transaction, its context in the customer's history and the
 * isolation-forest score, combined by noisy-OR into a score in 0..1. Reasons are sorted strongest first.
 */
export function combineEvidence(tx: TransactionRow, ctx: TransactionContext, categoryZ: number, forestScore: number): { score: number; reasons: Reason[] } {
  const evidence: [ReasonCode, number][] = [];
  // Large amounts are damped when the category itself routinely sees amounts like this across the bank
  // (moving savings to another bank is big for the customer but ordinary for the bank).
  const categoryFactor = TRANSFER_CATEGORIES.has(tx.category) ? TRANSFER_AMOUNT_FACTOR : Math.max(0.15, clamp01((categoryZ - 2) / 2));
  if (Number.isFinite(ctx.ratio)) {
    evidence.push(['AMOUNT_UNUSUAL', clamp01((Math.log(ctx.ratio) - Math.log(5)) / (Math.log(40) - Math.log(5))) * categoryFactor]);
  } else {
    evidence.push(['AMOUNT_UNUSUAL', 0.6 * clamp01((categoryZ - 3) / 3)]);
  }
  if (ctx.countryNew && tx.country !== 'CN') evidence.push(['NEW_COUNTRY', placeRarity(ctx.countryShare)]);
  if (ctx.unusualHour) evidence.push(['UNUSUAL_HOUR', 1]);
  if (ctx.lastHourCount >= 1) evidence.push(['BURST', ctx.lastHourCount >= 2 ? 1 : 0.5]);
  if (ctx.merchantNew) evidence.push(['RARE_MERCHANT', clamp01((rarity(ctx.merchantShare) - 1.8) / 1.2)]);
  if (ctx.categoryNew) evidence.push(['NEW_CATEGORY', 1]);
  if (tx.is_cross_border && tx.direction !== 'credit' && TRANSFER_CATEGORIES.has(tx.category) && tx.amount >= LARGE_TRANSFER_CNY) {
    const size = clamp01(0.5 + Math.log(tx.amount / LARGE_TRANSFER_CNY) / Math.log(8));
    const place = clamp01((rarity(ctx.countryShare) - 1.5) / 1.5);
    evidence.push(['LARGE_CROSS_BORDER_TRANSFER', size * place * (ctx.countryNew ? 1 : 0.3)]);
  }
  evidence.push(['RARE_PATTERN', clamp01((forestScore - 0.55) / 0.2)]);

  let keep = 1;
  const reasons: Reason[] = [];
  for (const [code, e] of evidence) {
    const w = EVIDENCE_WEIGHTS[code] * e;
    keep *= 1 - w;
    if (w >= REASON_FLOOR) {
      const [en, zh] = reasonText(code, tx, ctx, forestScore);
      reasons.push({ code, weight: Math.round(w * 1000) / 1000, en, zh });
    }
  }
  reasons.sort((a, b) => b.weight - a.weight);
  return { score: 1 - keep, reasons };
}

/** The English and Chinese sentence for a reason (built only for reasons that are shown). */
function reasonText(code: ReasonCode, tx: TransactionRow, ctx: TransactionContext, forestScore: number): [string, string] {
  const debit = tx.direction !== 'credit';
  switch (code) {
    case 'AMOUNT_UNUSUAL':
      return Number.isFinite(ctx.ratio)
        ? [
            `Amount ${cny(tx.amount)} is ${times(ctx.ratio)}× this customer's usual ${debit ? 'payment' : 'credit'} (${cny(ctx.usualAmount)})`,
            `金额${cny(tx.amount)}为该客户常规${debit ? '支出' : '入账'}金额（${cny(ctx.usualAmount)}）的${times(ctx.ratio)}倍`,
          ]
        : [
            `Amount ${cny(tx.amount)} is far above what customers usually spend on ${tx.category}`,
            `金额${cny(tx.amount)}远高于客户在该类别（${tx.category}）的一般金额`,
          ];
    case 'NEW_COUNTRY': {
      const name = countryName(tx.country);
      return [
        `First transaction ever in ${name.en} (a country ${pct(ctx.countryShare)} of customers transact in)`,
        `首次在${name.zh}交易（仅${pct(ctx.countryShare)}的客户在该国有交易）`,
      ];
    }
    case 'UNUSUAL_HOUR': {
      const hhmm = tx.ts.slice(11, 16);
      return [`At ${hhmm}, an hour this customer rarely or never transacts at`, `交易时间${hhmm}，该客户此前极少或从不在此时段交易`];
    }
    case 'BURST':
      return [`${ctx.lastHourCount + 1} transactions within one hour`, `一小时内连续${ctx.lastHourCount + 1}笔交易`];
    case 'RARE_MERCHANT':
      return [
        `First payment to ${tx.merchant}, a merchant only ${pct(ctx.merchantShare)} of customers use`,
        `首次向“${tx.merchant}”付款，仅${pct(ctx.merchantShare)}的客户使用该商户`,
      ];
    case 'NEW_CATEGORY':
      return [`First ever transaction in category ${tx.category}`, `首次出现“${tx.category}”类别交易`];
    case 'LARGE_CROSS_BORDER_TRANSFER': {
      const name = countryName(tx.country);
      return [`Large transfer abroad: ${cny(tx.amount)} to ${name.en}`, `大额境外转账：${cny(tx.amount)}汇往${name.zh}`];
    }
    case 'RARE_PATTERN':
      return [
        `Overall pattern is rare among the bank's transactions (isolation score ${forestScore.toFixed(2)})`,
        `整体交易特征在全行交易中罕见（孤立度${forestScore.toFixed(2)}）`,
      ];
  }
}
