/**
 * Credit scorecard: the explainable model credit officers and regulators expect.
 *
 * Each characteristic is coarse-classed into monotonic bins with a weight of evidence (binning.ts);
 * an L2 logistic regression on the WoE values gives the probability of default (PD); the log-odds
 * are rescaled into points so that `baseScore` points mean odds of `baseOdds` good:bad and every
 * `pdo` more points double the odds. A customer's score is basePoints + the points of the bin they
 * fall into for every characteristic, and the characteristics where they lost most points against
 * the best bin are their reason codes.
 */
import { z } from 'zod';
import { binIndex, binWoe, fitBinning, UNSEEN_BIN, type Binning, type BinningOptions } from './binning';
import { fitLogistic, sigmoid } from './logistic';
import type { Column } from './tabular';

/** A risk band: PDs in [minPd, maxPd) map to this letter. */
export interface RiskBand {
  band: 'A' | 'B' | 'C' | 'D' | 'E';
  minPd: number;
  maxPd: number;
}

/**
 * Default PD ranges of the risk bands (A = lowest risk). They are the bank's policy constants,
 * not fitted: A < 2 %, B 2–5 %, C 5–10 %, D 10–20 %, E ≥ 20 %.
 */
export const DEFAULT_RISK_BANDS: readonly RiskBand[] = [
  { band: 'A', minPd: 0, maxPd: 0.02 },
  { band: 'B', minPd: 0.02, maxPd: 0.05 },
  { band: 'C', minPd: 0.05, maxPd: 0.1 },
  { band: 'D', minPd: 0.1, maxPd: 0.2 },
  { band: 'E', minPd: 0.2, maxPd: 1.000001 },
];

export interface ScorecardOptions extends BinningOptions {
  /** Score at the reference odds. Default 600. */
  baseScore?: number;
  /** Reference odds, good:bad. Default 50 (50:1). */
  baseOdds?: number;
  /** Points to double the odds. Default 20. */
  pdo?: number;
  /** Inverse L2 strength of the WoE regression. Default 1. */
  C?: number;
  /** Characteristics with a lower training information value are left out. Default 0.02 (the usual "unpredictive" line). */
  minIv?: number;
  /**
   * Drop characteristics whose regression weight has the wrong sign (more risk earning more points,
   * usually collinearity) and refit, so every characteristic reads sensibly. Default true.
   */
  enforceSigns?: boolean;
  bands?: readonly RiskBand[];
}

/** One characteristic in the card with its points per bin. */
export interface Characteristic {
  binning: Binning;
  /** Regression weight on the WoE value. */
  weight: number;
  /** Points of each bin (same order as binning.bins). */
  points: number[];
  /** Points for a value the training data never had (WoE 0). */
  neutralPoints: number;
}

export interface Scorecard {
  format: typeof SCORECARD_FORMAT;
  version: typeof SCORECARD_VERSION;
  baseScore: number;
  baseOdds: number;
  pdo: number;
  /** Intercept of the WoE regression (log-odds of bad). */
  intercept: number;
  /** Points every customer starts with (intercept, expressed in points). */
  basePoints: number;
  characteristics: Characteristic[];
  /** Characteristics considered but left out, with why. */
  excluded: { name: string; iv: number; reason: 'low_iv' | 'wrong_sign' }[];
  /** Optional Platt recalibration PD = σ(a·logit + b) fitted on a holdout; null when not calibrated. */
  calibration: { a: number; b: number } | null;
  bands: RiskBand[];
}

export const SCORECARD_FORMAT = 'bank-copilot/scorecard';
export const SCORECARD_VERSION = 1;

/** Input for one customer: characteristic name → raw value (number, category, or missing). */
export type CustomerValues = Readonly<Record<string, number | string | null | undefined>>;

function scaling(card: Pick<Scorecard, 'baseScore' | 'baseOdds' | 'pdo'>): { factor: number; offset: number } {
  const factor = card.pdo / Math.LN2;
  return { factor, offset: card.baseScore - factor * Math.log(card.baseOdds) };
}

function checkOptions(o: Required<Pick<ScorecardOptions, 'baseScore' | 'baseOdds' | 'pdo' | 'C' | 'minIv'>>): void {
  if (!Number.isFinite(o.baseScore)) throw new Error(`scorecard: baseScore must be a number, got ${o.baseScore}`);
  if (!(o.baseOdds > 0)) throw new Error(`scorecard: baseOdds must be > 0 (good:bad), got ${o.baseOdds}`);
  if (!(o.pdo > 0)) throw new Error(`scorecard: pdo (points to double the odds) must be > 0, got ${o.pdo}`);
  if (!(o.C > 0)) throw new Error(`scorecard: C must be > 0, got ${o.C}`);
  if (!(o.minIv >= 0)) throw new Error(`scorecard: minIv must be >= 0, got ${o.minIv}`);
}

/**
 * Fits a scorecard on the training rows of `columns` with 0/1 target `bad` (1 = default).
 * Every column is a candidate characteristic.
 */
export function fitScorecard(
  columns: Column[],
  bad: ArrayLike<number>,
  rows: ArrayLike<number>,
  options: ScorecardOptions = {},
): Scorecard {
  const o = {
    baseScore: options.baseScore ?? 600,
    baseOdds: options.baseOdds ?? 50,
    pdo: options.pdo ?? 20,
    C: options.C ?? 1,
    minIv: options.minIv ?? 0.02,
  };
  checkOptions(o);
  if (rows.length === 0) throw new Error('fitScorecard: no training rows');
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += bad[rows[i]] ? 1 : 0;
  if (positives === 0 || positives === rows.length) throw new Error('fitScorecard: training rows need both goods and bads');
  const excluded: Scorecard['excluded'] = [];
  let kept: { binning: Binning; woe: Float64Array }[] = [];
  for (const col of columns) {
    const binning = fitBinning(col, bad, rows, options);
    if (binning.iv < o.minIv) {
      excluded.push({ name: col.name, iv: binning.iv, reason: 'low_iv' });
      continue;
    }
    const woe = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) woe[i] = binWoe(binning, binIndex(binning, col.values[rows[i]]));
    kept.push({ binning, woe });
  }
  if (kept.length === 0) throw new Error(`fitScorecard: no characteristic reaches the minimum information value ${o.minIv}`);
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = bad[rows[i]] ? 1 : 0;
  let model = fitWoe(kept, y, o.C);
  // positive WoE means fewer bads, so a sensible weight on it is negative
  while (options.enforceSigns !== false && kept.length > 1) {
    let worst = -1;
    model.coef.forEach((w, j) => {
      if (w > 0 && (worst < 0 || w > model.coef[worst])) worst = j;
    });
    if (worst < 0) break;
    excluded.push({ name: kept[worst].binning.name, iv: kept[worst].binning.iv, reason: 'wrong_sign' });
    kept = kept.filter((_, j) => j !== worst);
    model = fitWoe(kept, y, o.C);
  }
  const { factor, offset } = scaling(o);
  const characteristics = kept.map(({ binning }, j) => {
    const weight = model.coef[j];
    return { binning, weight, points: binning.bins.map((b) => -factor * weight * b.woe), neutralPoints: 0 };
  });
  return {
    format: SCORECARD_FORMAT,
    version: SCORECARD_VERSION,
    baseOdds: o.baseOdds,
    pdo: o.pdo,
    baseScore: o.baseScore,
    intercept: model.intercept,
    basePoints: offset - factor * model.intercept,
    characteristics,
    excluded,
    calibration: null,
    bands: [...(options.bands ?? DEFAULT_RISK_BANDS)].map((b) => ({ ...b })),
  };
}

function fitWoe(kept: { woe: Float64Array }[], y: Float64Array, C: number) {
  const n = y.length;
  const p = kept.length;
  const data = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const w = kept[j].woe;
    for (let i = 0; i < n; i++) data[i * p + j] = w[i];
  }
  return fitLogistic({ data, rows: n, cols: p }, y, { C });
}

/** Points of one characteristic for one raw value, and the bin it fell in (UNSEEN_BIN if none). */
export function characteristicPoints(ch: Characteristic, value: number | string | null | undefined): { bin: number; points: number } {
  const bin = binIndex(ch.binning, value);
  return { bin, points: bin === UNSEEN_BIN ? ch.neutralPoints : ch.points[bin] };
}

/** Total score in points (higher = safer). */
export function scorePoints(card: Scorecard, customer: CustomerValues): number {
  let s = card.basePoints;
  for (const ch of card.characteristics) s += characteristicPoints(ch, customer[ch.binning.name]).points;
  return s;
}

/** Probability of default implied by a score, after the optional Platt recalibration. */
export function pdFromScore(card: Scorecard, score: number): number {
  const { factor, offset } = scaling(card);
  const logit = (offset - score) / factor; // log-odds of bad
  return card.calibration ? sigmoid(card.calibration.a * logit + card.calibration.b) : sigmoid(logit);
}

export function riskBand(card: Pick<Scorecard, 'bands'>, pd: number): RiskBand['band'] {
  if (!(pd >= 0 && pd <= 1)) throw new Error(`riskBand: PD must be within [0, 1], got ${pd}`);
  for (const b of card.bands) if (pd >= b.minPd && pd < b.maxPd) return b.band;
  return card.bands[card.bands.length - 1].band;
}

/** Why a customer did not score higher on one characteristic. */
export interface ReasonCode {
  feature: string;
  /** Points earned on this characteristic. */
  points: number;
  /** Points of the characteristic's best bin. */
  maxPoints: number;
  /** maxPoints − points (≥ 0). */
  lost: number;
  /** Label of the bin the customer fell in, e.g. `(12, 24]`, or `unseen value`. */
  binLabel: string;
  /** The customer's raw value. */
  value: number | string | null;
}

export interface ScoreResult {
  score: number;
  pd: number;
  band: RiskBand['band'];
  /** Characteristics ordered by points lost, largest first; only those with lost > 0. */
  reasons: ReasonCode[];
}

/** Scores one customer and explains the score with up to `maxReasons` reason codes. */
export function scoreCustomer(card: Scorecard, customer: CustomerValues, maxReasons = 4): ScoreResult {
  let score = card.basePoints;
  const reasons: ReasonCode[] = [];
  for (const ch of card.characteristics) {
    const name = ch.binning.name;
    const raw = customer[name];
    const { bin, points } = characteristicPoints(ch, raw);
    score += points;
    const maxPoints = Math.max(ch.neutralPoints, ...ch.points);
    const lost = maxPoints - points;
    if (lost > 1e-9) {
      reasons.push({
        feature: name,
        points,
        maxPoints,
        lost,
        binLabel: bin === UNSEEN_BIN ? 'unseen value' : ch.binning.bins[bin].label,
        value: raw === undefined ? null : raw,
      });
    }
  }
  reasons.sort((a, b) => b.lost - a.lost);
  const pd = pdFromScore(card, score);
  return { score, pd, band: riskBand(card, pd), reasons: reasons.slice(0, maxReasons) };
}

/**
 * PDs for many rows of a column-oriented data set (the evaluation path: no per-row objects).
 * Columns are matched to characteristics by name.
 */
export function predictScorecard(card: Scorecard, columns: Column[], rows: ArrayLike<number>): Float64Array {
  const score = new Float64Array(rows.length).fill(card.basePoints);
  for (const ch of card.characteristics) {
    const col = columns.find((c) => c.name === ch.binning.name);
    if (!col) throw new Error(`predictScorecard: data has no column "${ch.binning.name}" used by the scorecard`);
    if (col.kind !== ch.binning.kind) throw new Error(`predictScorecard: column "${col.name}" is ${col.kind} but the scorecard binned it as ${ch.binning.kind}`);
    const values = col.values;
    for (let i = 0; i < rows.length; i++) {
      const bin = binIndex(ch.binning, values[rows[i]]);
      score[i] += bin === UNSEEN_BIN ? ch.neutralPoints : ch.points[bin];
    }
  }
  const pd = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) pd[i] = pdFromScore(card, score[i]);
  return pd;
}

/**
 * Platt recalibration on holdout rows (not used to fit the card): fits PD = σ(a·logit + b) by
 * nearly unregularised logistic regression on the card's own log-odds. Returns a new card.
 */
export function calibratePlatt(card: Scorecard, columns: Column[], bad: ArrayLike<number>, rows: ArrayLike<number>): Scorecard {
  const uncalibrated = { ...card, calibration: null };
  const pd = predictScorecard(uncalibrated, columns, rows);
  const data = new Float64Array(rows.length);
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    data[i] = Math.log(pd[i] / (1 - pd[i]));
    y[i] = bad[rows[i]] ? 1 : 0;
  }
  const m = fitLogistic({ data, rows: rows.length, cols: 1 }, y, { C: 1e6 });
  return { ...card, calibration: { a: m.coef[0], b: m.intercept } };
}

/** Caller-supplied wording of a characteristic. `{value}` in a description is replaced by the customer's value. */
export interface FeatureMeta {
  name: string;
  descriptionEn: string;
  descriptionZh: string;
}

/**
 * Turns a reason code into a sentence, e.g. description "{value} payments more than 30 days late in
 * the last 12 months" and value 2 → "2 payments more than 30 days late in the last 12 months".
 * Without a `{value}` placeholder the value is appended ("Checking account status: A11").
 */
export function formatReason(reason: ReasonCode, meta: FeatureMeta, lang: 'en' | 'zh' = 'en'): string {
  if (meta.name !== reason.feature) throw new Error(`formatReason: metadata is for "${meta.name}" but the reason is about "${reason.feature}"`);
  const description = lang === 'zh' ? meta.descriptionZh : meta.descriptionEn;
  const v = reason.value;
  const shown = v === null || v === '' ? (lang === 'zh' ? '未提供' : 'not provided') : typeof v === 'number' ? formatValue(v) : v;
  if (description.includes('{value}')) return description.split('{value}').join(shown);
  return lang === 'zh' ? `${description}：${shown}` : `${description}: ${shown}`;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

// ---- (de)serialisation ----

// zod 4 numbers already refuse NaN and ±Infinity
const finite = z.number();
const binStats = z.object({ label: z.string(), good: finite.nonnegative(), bad: finite.nonnegative(), woe: finite });
const binningBase = { name: z.string().min(1), bins: z.array(binStats).min(1), missingBin: z.number().int().min(-1), iv: finite };
const binningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), ...binningBase, cuts: z.array(finite), trend: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }),
  z.object({ kind: z.literal('categorical'), ...binningBase, categoryBin: z.record(z.string(), z.number().int().nonnegative()) }),
]);
const scorecardSchema = z.object({
  format: z.literal(SCORECARD_FORMAT),
  version: z.literal(SCORECARD_VERSION),
  baseScore: finite,
  baseOdds: finite.positive(),
  pdo: finite.positive(),
  intercept: finite,
  basePoints: finite,
  characteristics: z.array(z.object({ binning: binningSchema, weight: finite, points: z.array(finite), neutralPoints: finite })).min(1),
  excluded: z.array(z.object({ name: z.string(), iv: finite, reason: z.enum(['low_iv', 'wrong_sign']) })),
  calibration: z.object({ a: finite, b: finite }).nullable(),
  bands: z
    .array(z.object({ band: z.enum(['A', 'B', 'C', 'D', 'E']), minPd: finite.min(0), maxPd: finite.positive() }))
    .min(1),
});

/** Plain JSON text of the card, with its format name and version. */
export function serializeScorecard(card: Scorecard): string {
  return JSON.stringify(card);
}

/**
 * Reads a card from JSON, refusing anything that is not a complete, consistent card of this
 * format version (NaN values arrive as null in JSON and are refused too).
 */
export function deserializeScorecard(json: string): Scorecard {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`scorecard artifact is not valid JSON (${(e as Error).message}); retrain with npm run train`);
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== SCORECARD_FORMAT) {
    throw new Error(`scorecard artifact has no "format": "${SCORECARD_FORMAT}" header; it is not a scorecard`);
  }
  if (head.data.version !== SCORECARD_VERSION) {
    throw new Error(`scorecard artifact has format version ${head.data.version}, this code reads version ${SCORECARD_VERSION}; retrain the model`);
  }
  const parsed = scorecardSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`scorecard artifact is corrupted or incomplete: ${issues.join('; ')}`);
  }
  const card = parsed.data as Scorecard;
  for (const ch of card.characteristics) {
    const b = ch.binning;
    if (ch.points.length !== b.bins.length) throw new Error(`scorecard artifact is inconsistent: ${b.name} has ${b.bins.length} bins but ${ch.points.length} point values`);
    if (b.missingBin >= b.bins.length) throw new Error(`scorecard artifact is inconsistent: ${b.name} missing bin ${b.missingBin} out of range`);
    if (b.kind === 'numeric') {
      const regular = b.bins.length - (b.missingBin >= 0 ? 1 : 0);
      if (b.cuts.length !== regular - 1) throw new Error(`scorecard artifact is inconsistent: ${b.name} has ${b.cuts.length} cuts for ${regular} bins`);
      for (let i = 1; i < b.cuts.length; i++) if (!(b.cuts[i] > b.cuts[i - 1])) throw new Error(`scorecard artifact is inconsistent: ${b.name} cuts are not increasing`);
    } else {
      for (const [cat, bin] of Object.entries(b.categoryBin)) if (bin >= b.bins.length) throw new Error(`scorecard artifact is inconsistent: ${b.name} category ${cat} points to missing bin ${bin}`);
    }
  }
  return card;
}
