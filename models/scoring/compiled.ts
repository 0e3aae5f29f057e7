/**
 * Loaded models prepared for scoring catalogue-ordered feature rows: the scorecard's characteristics
 * bound to their catalogue columns, and tree models with their input columns, so a million rows are
 * scored without building per-row objects.
 */
import { UNSEEN_BIN } from '../binning';
import { compileForest } from '../gbdt-predict';
import { marginFunction, type MarginFunction } from '../forest-function';
import { characteristicPoints, pdFromScore, riskBand, type Scorecard } from '../scorecard';
import { sigmoid } from '../logistic';
import { featureIndex } from '../features/catalogue';
import { describeFeature, describeReason } from '../features/describe';
import type { LoadedGbdt, LoadedScorecard } from '../registry/types';
import { pathContributions } from './path-attribution';
import { CachedTreeShap } from './shap-cache';

/**
 * A scorecard characteristic that cost the customer points, as batch scoring stores it in
 * credit_reasons: the reason code (the feature) and the customer's value. The sentences follow from
 * these two (`withTexts`), so they are written when read, in the reader's language.
 */
export interface CreditReasonCode {
  feature: string;
  value: number | null;
  lost_points: number;
}

/** A feature that pushed a tree model's score up, by its contribution to the log-odds (as stored). */
export interface ContributionReasonCode {
  feature: string;
  value: number | null;
  contribution: number;
}

/** The plain-language sentences of a reason, in both languages. */
export interface ReasonTexts {
  text_en: string;
  text_zh: string;
}

export type CreditReason = CreditReasonCode & ReasonTexts;
export type ContributionReason = ContributionReasonCode & ReasonTexts;

/** A reason code with its sentences (the feature's description with the customer's value filled in). */
export function withTexts<R extends { feature: string; value: number | null }>(reason: R): R & ReasonTexts {
  return { ...reason, text_en: describeReason(reason, 'en'), text_zh: describeReason(reason, 'zh') };
}

/** One characteristic of a customer's score, as the explanation shows it. */
export interface CharacteristicBreakdown {
  feature: string;
  value: number | null;
  bin: number;
  binLabel: string;
  points: number;
  maxPoints: number;
  lostPoints: number;
  text_en: string;
  text_zh: string;
}

const valueOrNull = (v: number) => (Number.isNaN(v) ? null : v);
const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

export class CompiledScorecard {
  private readonly cols: Int32Array;
  private readonly maxPoints: Float64Array;
  /** Per-row scratch: points lost on each characteristic, and the indices of the largest losses. */
  private readonly lost: Float64Array;
  private picked = new Int32Array(3);
  readonly card: Scorecard;
  readonly version: number;

  constructor(loaded: LoadedScorecard) {
    this.card = loaded.card;
    this.version = loaded.record.version;
    this.cols = Int32Array.from(this.card.characteristics, (c) => featureIndex(c.binning.name));
    this.maxPoints = Float64Array.from(this.card.characteristics, (c) => Math.max(c.neutralPoints, ...c.points));
    this.lost = new Float64Array(this.card.characteristics.length);
  }

  /** Full per-characteristic breakdown of one catalogue row. */
  breakdown(row: ArrayLike<number>): { score: number; pd: number; band: string; basePoints: number; characteristics: CharacteristicBreakdown[] } {
    let score = this.card.basePoints;
    const characteristics = this.card.characteristics.map((ch, j) => {
      const v = row[this.cols[j]];
      const { bin, points } = characteristicPoints(ch, v);
      score += points;
      return {
        feature: ch.binning.name,
        value: valueOrNull(v),
        bin,
        binLabel: bin === UNSEEN_BIN ? 'unseen value' : ch.binning.bins[bin].label,
        points: r2(points),
        maxPoints: r2(this.maxPoints[j]),
        lostPoints: r2(this.maxPoints[j] - points),
        text_en: describeFeature(ch.binning.name, v, 'en'),
        text_zh: describeFeature(ch.binning.name, v, 'zh'),
      };
    });
    const pd = pdFromScore(this.card, score);
    return { score: r2(score), pd: r4(pd), band: riskBand(this.card, pd), basePoints: r2(this.card.basePoints), characteristics };
  }

  /** Score, PD, band and the `top` characteristics with the most points lost (as reason codes). */
  score(row: ArrayLike<number>, top = 3): { score: number; pd: number; band: string; reasons: CreditReasonCode[] } {
    let score = this.card.basePoints;
    const lost = this.lost;
    const chs = this.card.characteristics;
    for (let j = 0; j < chs.length; j++) {
      const { points } = characteristicPoints(chs[j], row[this.cols[j]]);
      score += points;
      lost[j] = this.maxPoints[j] - points;
    }
    const pd = pdFromScore(this.card, score);
    if (this.picked.length < top) this.picked = new Int32Array(top);
    const picked = largestAbove(lost, 1e-9, top, this.picked);
    const reasons = new Array<CreditReasonCode>(picked);
    for (let k = 0; k < picked; k++) {
      const j = this.picked[k];
      const v = row[this.cols[j]];
      reasons[k] = { feature: chs[j].binning.name, value: valueOrNull(v), lost_points: r2(lost[j]) };
    }
    return { score: r2(score), pd: r4(pd), band: riskBand(this.card, pd), reasons };
  }
}

/**
 * Writes into `out` the indices of the `top` largest values greater than `above`, largest first, equal
 * values in index order (what a stable descending sort of the qualifying indices gives), and returns
 * how many it wrote. NaN never qualifies. No allocation: it runs for every scored row.
 */
export function largestAbove(values: ArrayLike<number>, above: number, top: number, out: Int32Array): number {
  if (out.length < top) throw new Error(`largestAbove: room for ${out.length} indices, asked for ${top}`);
  let count = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (!(v > above)) continue;
    // Position after every kept value that is at least v: ties stay in index order.
    let k = count;
    while (k > 0 && values[out[k - 1]] < v) k--;
    if (k >= top) continue;
    for (let m = Math.min(count, top - 1); m > k; m--) out[m] = out[m - 1];
    out[k] = j;
    if (count < top) count++;
  }
  return count;
}

export class CompiledTreeModel {
  private readonly cols: Int32Array;
  private readonly input: Float64Array;
  private readonly shap: CachedTreeShap;
  private readonly margin: MarginFunction;
  private picked = new Int32Array(3);
  /** Path contributions of the row being explained (reused, zeroed per row). */
  private readonly pathPhi: Float64Array;
  readonly features: readonly string[];
  readonly version: number;

  constructor(readonly loaded: LoadedGbdt) {
    this.features = loaded.record.features;
    this.version = loaded.record.version;
    this.cols = Int32Array.from(this.features, featureIndex);
    this.input = new Float64Array(this.features.length);
    this.pathPhi = new Float64Array(this.features.length);
    this.shap = new CachedTreeShap(loaded.model);
    this.margin = marginFunction(compileForest(loaded.model));
  }

  /** The model's input vector for a catalogue row (a reused buffer: copy it to keep it). */
  inputOf(row: ArrayLike<number>): Float64Array {
    for (let j = 0; j < this.cols.length; j++) this.input[j] = row[this.cols[j]];
    return this.input;
  }

  /** The model's probability for a catalogue row: one walk down each tree (generated code), no attribution. */
  probability(row: ArrayLike<number>): number {
    return sigmoid(this.margin(this.inputOf(row)));
  }

  /** Exact TreeSHAP contributions (log-odds) of every model feature for a catalogue row. */
  contributions(row: ArrayLike<number>): { expectedValue: number; contributions: Float64Array } {
    const contributions = new Float64Array(this.features.length);
    const expectedValue = this.shap.contributions(this.inputOf(row), contributions);
    return { expectedValue, contributions };
  }

  /** Probability and the `top` features that pushed it up most by exact TreeSHAP, with their sentences. */
  explainTop(row: ArrayLike<number>, top = 3): { probability: number; reasons: ContributionReason[] } {
    const shap = this.contributions(row);
    let margin = shap.expectedValue;
    for (let j = 0; j < shap.contributions.length; j++) margin += shap.contributions[j];
    return { probability: sigmoid(margin), reasons: this.topReasons(row, shap.contributions, top).map(withTexts) };
  }

  /**
   * The `top` features that pushed a row's score up most by path attribution, which costs one walk
   * down each tree instead of a TreeSHAP pass: how batch scoring explains millions of propensity rows.
   */
  pathReasons(row: ArrayLike<number>, top = 3): ContributionReasonCode[] {
    const contributions = this.pathPhi.fill(0);
    pathContributions(this.loaded.model, this.inputOf(row), contributions);
    return this.topReasons(row, contributions, top);
  }

  /**
   * Exact TreeSHAP top reasons of several rows of a page at once: rows `which` of `values` (catalogue
   * rows of `width` columns). The same reasons as `explainTop` row by row, computed tree by tree over
   * the rows, which keeps each tree's routing cache hot.
   */
  explainTopMany(values: Float64Array, width: number, which: ArrayLike<number>, top = 3): ContributionReasonCode[][] {
    const m = which.length;
    const nf = this.features.length;
    const inputs = new Float64Array(m * nf);
    for (let r = 0; r < m; r++) {
      const base = which[r] * width;
      for (let j = 0; j < nf; j++) inputs[r * nf + j] = values[base + this.cols[j]];
    }
    const phi = new Float64Array(m * nf);
    this.shap.contributionsMany(inputs, m, phi);
    const out: ContributionReasonCode[][] = new Array(m);
    for (let r = 0; r < m; r++) {
      const base = which[r] * width;
      out[r] = this.topReasons(values.subarray(base, base + width), phi.subarray(r * nf, (r + 1) * nf), top);
    }
    return out;
  }

  /** The `top` features with the largest positive contribution, strongest first. */
  private topReasons(row: ArrayLike<number>, contributions: Float64Array, top: number): ContributionReasonCode[] {
    if (this.picked.length < top) this.picked = new Int32Array(top);
    const picked = largestAbove(contributions, 1e-6, top, this.picked);
    const reasons = new Array<ContributionReasonCode>(picked);
    for (let k = 0; k < picked; k++) {
      const j = this.picked[k];
      reasons[k] = { feature: this.features[j], value: valueOrNull(row[this.cols[j]]), contribution: r4(contributions[j]) };
    }
    return reasons;
  }
}
