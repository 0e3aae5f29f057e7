import { sql } from 'kysely';
import { openDatabase, type BankDatabase } from '../../data/database';
import { seedBank } from '../../data/generator/seed-bank';
import { assignSegment, customerSegment, loadSegmentation, runSegmentation, type SegmentationRunResult } from '../../models/segmentation';
import { fetchFeaturePage } from '../../models/segmentation/feature-query';
import { featureIndex } from '../../models/segmentation/features';

jest.setTimeout(180_000);

describe('runSegmentation on a generated bank', () => {
  let bank: BankDatabase;
  let result: SegmentationRunResult;
  const phases = new Set<string>();

  beforeAll(async () => {
    bank = await openDatabase({ sqlitePath: ':memory:' });
    await seedBank(bank, { customers: 1500, seed: 31, generatedAt: '2026-11-01T00:00:00Z' });
    result = await runSegmentation(bank, { kRange: [3, 6], seed: 4, pageSize: 400, trainedAt: '2026-11-02T00:00:00Z', onProgress: (p) => phases.add(p.phase) });
  });
  afterAll(() => bank.close());

  it('segments every customer into k named segments chosen in the range', async () => {
    expect(result.k).toBeGreaterThanOrEqual(3);
    expect(result.k).toBeLessThanOrEqual(6);
    expect(result.customers).toBe(1500);
    expect(result.segments.reduce((a, s) => a + s.size, 0)).toBe(1500);
    expect(new Set(result.segments.map((s) => s.nameEn)).size).toBe(result.k);
    expect(phases).toEqual(new Set(['features', 'fit', 'assign', 'store']));
    const counts = (await sql<{ segment_id: number; n: number }>`
      select segment_id, count(*) as n from customer_segments group by segment_id order by segment_id`.execute(bank.db)).rows;
    expect(counts.map((c) => Number(c.n))).toEqual(result.segments.map((s) => s.size));
    const segments = (await sql<{ n: number }>`select count(*) as n from segments where model_version = ${result.modelVersion}`.execute(bank.db)).rows[0]!;
    expect(Number(segments.n)).toBe(result.k);
  });

  it('loads back for the bot and assigns a stored customer to the same segment', async () => {
    const loaded = await loadSegmentation(bank.db);
    expect(loaded).not.toBeNull();
    expect(loaded!.model.version).toBe(result.modelVersion);
    expect(loaded!.segments.map((s) => s.nameZh)).toEqual(result.segments.map((s) => s.nameZh));
    const page = await fetchFeaturePage(bank, result.asOf, '', 5);
    for (let i = 0; i < page.ids.length; i++) {
      const row = page.data.subarray(i * 12, (i + 1) * 12);
      const stored = await customerSegment(bank.db, page.ids[i]!);
      const assigned = assignSegment(loaded!.model, row);
      expect(stored).not.toBeNull();
      expect(assigned.segmentId).toBe(stored!.segmentId);
      expect(assigned.distance).toBeCloseTo(stored!.distance, 9);
    }
  });

  it('computes plausible features as of the snapshot', async () => {
    const page = await fetchFeaturePage(bank, result.asOf, '', 200);
    expect(page.ids).toHaveLength(200);
    expect([...page.ids].sort()).toEqual(page.ids);
    for (let i = 0; i < 200; i++) {
      const at = (key: Parameters<typeof featureIndex>[0]) => page.data[i * 12 + featureIndex(key)]!;
      expect(at('age')).toBeGreaterThan(17);
      expect(at('age')).toBeLessThan(100);
      expect(at('digital_share')).toBeGreaterThanOrEqual(0);
      expect(at('digital_share')).toBeLessThanOrEqual(1);
      expect(at('products_held')).toBeGreaterThanOrEqual(0);
      expect(at('days_since_last_transaction')).toBeLessThanOrEqual(365);
    }
  });

  it('replaces assignments on a retrain from a sample and keeps earlier models as history', async () => {
    // Fitted on a sample of 600, then every customer assigned (how a 1M-customer bank is trained).
    const again = await runSegmentation(bank, { kRange: [3, 6], seed: 4, fitSampleSize: 600, trainedAt: '2026-11-03T00:00:00Z' });
    expect(again.model.training.fitRows).toBe(600);
    expect(again.customers).toBe(1500);
    expect(again.segments.reduce((a, s) => a + s.size, 0)).toBe(1500);
    const n = (await sql<{ n: number }>`select count(*) as n from customer_segments`.execute(bank.db)).rows[0]!;
    expect(Number(n.n)).toBe(1500);
    expect((await loadSegmentation(bank.db))!.model.trainedAt).toBe('2026-11-03T00:00:00Z');
    const models = (await sql<{ n: number }>`select count(*) as n from segmentation_models`.execute(bank.db)).rows[0]!;
    expect(Number(models.n)).toBe(again.modelVersion === result.modelVersion ? 1 : 2);
  });

  it('reports a corrupt stored model as an error, not as "no model"', async () => {
    await sql`update segmentation_models set model = ${'{"format":"bank-copilot.segmentation","formatVersion":1}'}`.execute(bank.db);
    await expect(loadSegmentation(bank.db)).rejects.toThrow(/cannot be loaded .*retrain/);
  });
});
