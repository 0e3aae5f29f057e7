/**
 * The full explanation of one customer's scores, computed fresh from the database: every scorecard
 * characteristic with the customer's value, bin and points lost, every churn-model feature with its
 * TreeSHAP contribution, and the propensity of each product the customer does not hold.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import { featureIndex } from '../features/catalogue';
import { describeFeature } from '../features/describe';
import { featuresForCustomer, readAsOf } from '../features/stream';
import type { ActiveModels } from '../registry/types';
import { CompiledScorecard, CompiledTreeModel, type CharacteristicBreakdown, type ContributionReason } from './compiled';
import { churnLevel, type ChurnLevel } from './levels';

export interface CustomerExplanation {
  customerId: string;
  asOf: string;
  /** False when the customer has closed the everyday (current) account, i.e. has already left. */
  active: boolean;
  /** Null when no credit scorecard is loaded. */
  credit: {
    modelVersion: number;
    score: number;
    pd: number;
    band: string;
    basePoints: number;
    /** In the card's order; `lostPoints` = best bin's points − the customer's. */
    characteristics: CharacteristicBreakdown[];
  } | null;
  /** Null when no churn model is loaded or the customer has already left. */
  churn: {
    modelVersion: number;
    probability: number;
    level: ChurnLevel;
    /** Average log-odds of the training population; contributions add up from it to the customer's log-odds. */
    expectedLogOdds: number;
    /** Every feature, largest absolute contribution first. */
    contributions: ContributionReason[];
  } | null;
  /** Products the customer does not hold (and could be offered), highest propensity first. */
  propensity: { product: string; modelVersion: number; score: number; reasons: ContributionReason[] }[];
}

/** Models compiled once and reused across explanations (compiling allocates caches). */
export interface ExplainModels {
  credit: CompiledScorecard | null;
  churn: CompiledTreeModel | null;
  propensity: { product: string; model: CompiledTreeModel }[];
}

export function compileForExplain(models: ActiveModels): ExplainModels {
  return {
    credit: models.credit ? new CompiledScorecard(models.credit) : null,
    churn: models.churn ? new CompiledTreeModel(models.churn) : null,
    propensity: [...models.propensity].map(([product, m]) => ({ product, model: new CompiledTreeModel(m) })),
  };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Explains `customerId` as of `asOf` (default meta.as_of); null when the customer does not exist. */
export async function explainCustomer(
  db: Kysely<Database>,
  models: ExplainModels,
  customerId: string,
  options: { asOf?: string } = {},
): Promise<CustomerExplanation | null> {
  const asOf = options.asOf ?? (await readAsOf(db));
  const rows = await featuresForCustomer(db, customerId, asOf);
  if (!rows) return null;
  const row = rows.values.subarray(0, rows.width);
  const active = rows.active[0] === 1;

  let credit: CustomerExplanation['credit'] = null;
  if (models.credit) credit = { modelVersion: models.credit.version, ...models.credit.breakdown(row) };

  let churn: CustomerExplanation['churn'] = null;
  if (models.churn && active) {
    const m = models.churn;
    const { expectedValue, contributions } = m.contributions(row);
    let margin = expectedValue;
    for (const v of contributions) margin += v;
    const probability = 1 / (1 + Math.exp(-margin));
    const list = m.features.map((name, j) => {
      const v = row[featureIndex(name)];
      return {
        feature: name,
        value: Number.isNaN(v) ? null : v,
        contribution: r4(contributions[j]),
        text_en: describeFeature(name, v, 'en'),
        text_zh: describeFeature(name, v, 'zh'),
      };
    });
    list.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    churn = { modelVersion: m.version, probability: r4(probability), level: churnLevel(probability), expectedLogOdds: r4(expectedValue), contributions: list };
  }

  const propensity: CustomerExplanation['propensity'] = [];
  if (active) {
    for (const { product, model } of models.propensity) {
      if (row[featureIndex(`holds_${product}`)] >= 0.5) continue;
      const e = model.explainTop(row);
      propensity.push({ product, modelVersion: model.version, score: r4(e.probability), reasons: e.reasons });
    }
    propensity.sort((a, b) => b.score - a.score);
  }
  return { customerId, asOf, active, credit, churn, propensity };
}
