import { SEGMENT_FEATURE_KEYS, type SegmentFeatureKey } from './features';
import type { Matrix } from './kmeans';

/** What a segment looks like in the bank's own units, for cards and for the segment overview. */
export interface SegmentProfile {
  size: number;
  /** size / all customers, 0..1 */
  share: number;
  meanAge: number;
  /** CNY */
  meanAssets: number;
  /** CNY */
  meanIncome: number;
  meanProducts: number;
  /** Share of transactions on mobile/online, 0..1 */
  digitalShare: number;
  /** Share of transactions abroad, 0..1 */
  crossBorderShare: number;
  meanTransactionsPerMonth: number;
  meanDaysSinceLastTransaction: number;
  /** Mean of every feature, raw units, by feature key. */
  means: Record<SegmentFeatureKey, number>;
}

/** Accumulates raw feature sums per segment so profiles can be built while rows stream past. */
export class ProfileAccumulator {
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private readonly dim = SEGMENT_FEATURE_KEYS.length;

  constructor(private readonly k: number) {
    this.sums = new Float64Array(k * this.dim);
    this.counts = new Float64Array(k);
  }

  add(segment: number, row: ArrayLike<number>, offset = 0): void {
    this.counts[segment] = (this.counts[segment] as number) + 1;
    const base = segment * this.dim;
    for (let j = 0; j < this.dim; j++) this.sums[base + j] = (this.sums[base + j] as number) + (row[offset + j] as number);
  }

  addMatrix(x: Matrix, labels: Int32Array): void {
    for (let i = 0; i < x.rows; i++) this.add(labels[i] as number, x.data, i * x.dim);
  }

  profiles(): SegmentProfile[] {
    const total = this.counts.reduce((a, b) => a + b, 0);
    const out: SegmentProfile[] = [];
    for (let c = 0; c < this.k; c++) {
      const n = this.counts[c] as number;
      const means = {} as Record<SegmentFeatureKey, number>;
      SEGMENT_FEATURE_KEYS.forEach((key, j) => {
        means[key] = n > 0 ? (this.sums[c * this.dim + j] as number) / n : 0;
      });
      out.push({
        size: n,
        share: total > 0 ? n / total : 0,
        meanAge: means.age,
        meanAssets: means.total_assets,
        meanIncome: means.annual_income,
        meanProducts: means.products_held,
        digitalShare: means.digital_share,
        crossBorderShare: means.cross_border_share,
        meanTransactionsPerMonth: means.transactions_per_month,
        meanDaysSinceLastTransaction: means.days_since_last_transaction,
        means,
      });
    }
    return out;
  }
}

/** Population means (all segments together), for "x× the bank average" phrases. */
export function populationMeans(profiles: readonly SegmentProfile[]): Record<SegmentFeatureKey, number> {
  const total = profiles.reduce((a, p) => a + p.size, 0);
  const means = {} as Record<SegmentFeatureKey, number>;
  for (const key of SEGMENT_FEATURE_KEYS) {
    means[key] = total > 0 ? profiles.reduce((a, p) => a + p.means[key] * p.size, 0) / total : 0;
  }
  return means;
}

