/**
 * The steps after scoring that turn the bank's data into stored insights: the per-customer balance
 * summary, the customer segmentation and the unusual-transaction flags. Both write their own tables; the bot only reads them.
 */
import { sql } from 'kysely';
import type { BankDatabase } from '../../data/database';
import { refreshCampaignBalances } from '../../data/repositories/campaign-repository';
import { runAnomalyDetection, type AnomalyRunResult } from '../anomaly';
import { runSegmentation, type SegmentationRunResult } from '../segmentation';

export interface InsightOptions {
  seed?: number;
  /** Re-run even when results are stored (`npm run train`); the first start only fills what is missing. */
  force?: boolean;
  onProgress?: (line: string) => void;
}

export interface InsightReport {
  /** Customers in the per-customer balance summary that campaign lists and statistics filter on. */
  balances: number | null;
  segmentation: Omit<SegmentationRunResult, 'model'> | null;
  anomalies: AnomalyRunResult | null;
}

/** Throttled progress lines: at most one a second per phase, and always the last. */
function progressLine(say: (line: string) => void, tag: string) {
  let last = 0;
  return (p: { phase: string; done: number; total: number }) => {
    const now = Date.now();
    if (now - last < 1000 && p.done < p.total) return;
    last = now;
    say(`[${tag}] ${p.phase}: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`);
  };
}

export async function runInsights(bank: BankDatabase, options: InsightOptions = {}): Promise<InsightReport> {
  const say = options.onProgress ?? (() => undefined);
  const report: InsightReport = { balances: null, segmentation: null, anomalies: null };
  if (options.force) {
    report.balances = await refreshCampaignBalances(bank.db);
    say(`[balances] per-customer asset summary refreshed for ${report.balances.toLocaleString('en')} customers`);
  }
  const hasSegmentation = (await sql<{ n: number }>`select count(*) as n from segmentation_models`.execute(bank.db)).rows[0];
  if (options.force || Number(hasSegmentation?.n ?? 0) === 0) {
    const { model: _model, ...result } = await runSegmentation(bank, { seed: options.seed, onProgress: progressLine(say, 'segments') });
    say(`[segments] k = ${result.k} (silhouette ${result.silhouette.toFixed(3)}): ${result.segments.map((s) => s.nameEn).join(', ')}`);
    report.segmentation = result;
  }
  const hasFlags = (await sql<{ n: number }>`select count(*) as n from (select 1 from transaction_flags limit 1) f`.execute(bank.db)).rows[0];
  if (options.force || Number(hasFlags?.n ?? 0) === 0) {
    const result = await runAnomalyDetection(bank, { seed: options.seed, onProgress: progressLine(say, 'anomalies') });
    const e = result.evaluation;
    say(
      `[anomalies] ${result.flagged.toLocaleString('en')} of ${result.scored.toLocaleString('en')} transactions flagged` +
        (e ? ` (precision ${e.precision.toFixed(2)}, recall ${e.recall.toFixed(2)} against the injected anomalies)` : ''),
    );
    report.anomalies = result;
  }
  return report;
}
