import { sql } from 'kysely';
import { openDatabase, type BankDatabase } from '../../data/database';
import { fitGbdt, serialiseGbdt } from '../../models/gbdt';
import { profile } from '../../models/psi';
import { fitScorecard, serializeScorecard } from '../../models/scorecard';
import { ModelArtifactError, sha256Hex } from '../../models/registry/artifact';
import {
  listModelVersions,
  loadActiveModels,
  loadModelVersion,
  retireModelVersion,
  saveModelVersion,
  type NewModelVersion,
} from '../../models/registry/repository';
import type { ModelMetrics } from '../../models/registry/types';

const metrics: ModelMetrics = {
  rocAuc: 0.8, prAuc: 0.3, ks: 0.4, brier: 0.05, trainRows: 80, holdoutRows: 20, trainPositives: 10, holdoutPositives: 3, baseRate: 0.13, trainSeconds: 0.1,
};

/** A small tree model on two catalogue features: churn rises with days since the last transaction. */
function churnVersion(shift: number): NewModelVersion {
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const days = (i * 7) % 120;
    X.push([days, (i * 13) % 50]);
    y.push(days + shift > 80 ? 1 : 0);
  }
  const model = fitGbdt(X, y, { maxIter: 10, maxLeafNodes: 4, minSamplesLeaf: 5 });
  const features = ['days_since_last_txn', 'txn_count_90d'];
  return {
    name: 'churn_gbdt', kind: 'gbdt', trainedAt: '2026-11-26T10:00:00Z', snapshotDate: '2026-05-01', metrics, features,
    featureProfile: Object.fromEntries(features.map((f, j) => [f, profile(X.map((r) => r[j]))])),
    artifact: serialiseGbdt(model),
  };
}

function creditVersion(): NewModelVersion {
  const values = Float64Array.from({ length: 300 }, (_, i) => i % 4);
  const bad = Float64Array.from(values, (v, i) => (v >= 2 && i % 3 === 0 ? 1 : 0));
  const rows = Int32Array.from({ length: 300 }, (_, i) => i);
  const card = fitScorecard([{ name: 'count_dpd30_12m', kind: 'numeric', values }], bad, rows, { minIv: 0 });
  return {
    name: 'credit_scorecard', kind: 'scorecard', trainedAt: '2026-11-26T10:00:00Z', snapshotDate: '2026-05-01', metrics,
    features: ['count_dpd30_12m'], featureProfile: { count_dpd30_12m: profile(values) }, artifact: serializeScorecard(card),
  };
}

describe('model registry', () => {
  let bank: BankDatabase;
  beforeEach(async () => {
    bank = await openDatabase({ sqlitePath: ':memory:' });
  });
  afterEach(() => bank.close());

  const tamper = (name: string, version: number, artifact: string, sha?: string) =>
    sql`UPDATE model_registry SET artifact = ${artifact}, sha256 = ${sha ?? sql.ref('sha256')} WHERE name = ${name} AND version = ${version}`.execute(bank.db);

  it('round-trips a version with its metrics, features and profile, numbering versions per model', async () => {
    const first = await saveModelVersion(bank.db, churnVersion(0));
    const second = await saveModelVersion(bank.db, churnVersion(10));
    const credit = await saveModelVersion(bank.db, creditVersion());
    expect([first.version, second.version, credit.version]).toEqual([1, 2, 1]);
    expect(second.sha256).toBe(sha256Hex(churnVersion(10).artifact));

    const loaded = await loadModelVersion(bank.db, 'churn_gbdt', 2);
    expect(loaded.kind).toBe('gbdt');
    expect(loaded.record.metrics).toEqual(metrics);
    expect(loaded.record.features).toEqual(['days_since_last_txn', 'txn_count_90d']);
    expect(loaded.record.featureProfile.days_since_last_txn.count).toBe(200);

    const active = await loadActiveModels(bank.db);
    expect(active.warnings).toEqual([]);
    expect(active.churn?.record.version).toBe(2);
    expect(active.credit?.card.characteristics[0].binning.name).toBe('count_dpd30_12m');
    expect(active.propensity.size).toBe(0);
    expect((await listModelVersions(bank.db)).map((r) => `${r.name}@${r.version}`)).toEqual(['churn_gbdt@2', 'churn_gbdt@1', 'credit_scorecard@1']);
  });

  it('refuses an artifact whose checksum does not match and keeps the previous version in use', async () => {
    await saveModelVersion(bank.db, churnVersion(0));
    const v2 = churnVersion(10);
    await saveModelVersion(bank.db, v2);
    await tamper('churn_gbdt', 2, v2.artifact.replace('"learningRate":0.1', '"learningRate":0.5'));
    await expect(loadModelVersion(bank.db, 'churn_gbdt', 2)).rejects.toThrow(/checksum mismatch/);
    const active = await loadActiveModels(bank.db);
    expect(active.churn?.record.version).toBe(1);
    expect(active.warnings[0]).toMatch(/^Model churn_gbdt version 2 was refused: checksum mismatch/);
    expect(active.warnings[1]).toMatch(/using the previous valid version 1/);
  });

  it('refuses bad JSON even with a matching checksum, with a clear message', async () => {
    await saveModelVersion(bank.db, creditVersion());
    await saveModelVersion(bank.db, creditVersion());
    const broken = '{"format":"bank-copilot/scorecard", "version": 1, "baseScore": ';
    await tamper('credit_scorecard', 2, broken, sha256Hex(broken));
    const err = await loadModelVersion(bank.db, 'credit_scorecard', 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelArtifactError);
    expect((err as Error).message).toMatch(/credit_scorecard version 2 was refused: scorecard artifact is not valid JSON/);
    const active = await loadActiveModels(bank.db);
    expect(active.credit?.record.version).toBe(1);
  });

  it('refuses an incompatible artifact: wrong input width or unknown features', async () => {
    const v = churnVersion(0);
    await saveModelVersion(bank.db, { ...v, features: ['days_since_last_txn', 'txn_count_90d', 'age'], featureProfile: v.featureProfile });
    await expect(loadModelVersion(bank.db, 'churn_gbdt', 1)).rejects.toThrow(/expects 2 inputs but the record lists 3 features/);
    await saveModelVersion(bank.db, { ...v, features: ['days_since_last_txn', 'shoe_size'] });
    await expect(loadModelVersion(bank.db, 'churn_gbdt', 2)).rejects.toThrow(/features this version cannot compute \(shoe_size\)/);
    const active = await loadActiveModels(bank.db);
    expect(active.churn).toBeNull();
    expect(active.warnings.at(-1)).toMatch(/no usable version left; retrain with npm run train/);
  });

  it('lets an operator retire a version so the previous one takes over', async () => {
    await saveModelVersion(bank.db, churnVersion(0));
    await saveModelVersion(bank.db, churnVersion(10));
    await retireModelVersion(bank.db, 'churn_gbdt', 2);
    const active = await loadActiveModels(bank.db);
    expect(active.churn?.record.version).toBe(1);
    expect(active.warnings).toEqual([]);
  });
});
