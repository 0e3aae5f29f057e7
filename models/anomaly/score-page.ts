/**
 * Scoring one page of customers for unusual transactions and writing its flags: shared by the
 * single-thread loop and the worker threads (anomaly-worker.ts), so a page gets the same flags
 * whichever thread scores it.
 */
import type { BankDatabase } from '../../data/database';
import { groupByCustomer, transactionsInIdRange } from './data-access';
import { scoreCustomer, type AnomalyModel } from './model';
import { FLAG_STAGING } from './flag-run';
import type { AnomalyTables, FlagRow } from './tables';

/** A page of customers: every id in [first, last] (contiguous in id order). */
export interface AnomalyPage {
  first: string;
  last: string;
  customers: number;
}

export interface AnomalyPageCounts {
  customers: number;
  scored: number;
  flagged: number;
  injected: number;
  truePositives: number;
}

/** Flag rows per INSERT: 7 parameters each. */
const FLAG_CHUNK = 500;

/**
 * Scores the window's transactions of the page's customers against each customer's history before
 * them and writes the flagged ones to the run's staging table (flag-run.ts), one transaction per page.
 */
export async function scoreAnomalyPage(bank: BankDatabase, model: AnomalyModel, page: AnomalyPage, windowStart: string, end: string): Promise<AnomalyPageCounts> {
  const byCustomer = groupByCustomer(await transactionsInIdRange(bank, page.first, page.last, end));
  const counts: AnomalyPageCounts = { customers: page.customers, scored: 0, flagged: 0, injected: 0, truePositives: 0 };
  const flags: FlagRow[] = [];
  for (const history of byCustomer.values()) {
    for (const { tx, result } of scoreCustomer(model, history, windowStart)) {
      counts.scored++;
      if (tx.injected_anomaly) counts.injected++;
      if (!result.flagged) continue;
      if (tx.injected_anomaly) counts.truePositives++;
      flags.push({
        transaction_id: tx.id,
        customer_id: tx.customer_id,
        ts: tx.ts,
        amount: tx.amount,
        score: Math.round(result.score * 10_000) / 10_000,
        reasons: JSON.stringify(result.reasons),
        model_version: model.version,
      });
    }
  }
  counts.flagged = flags.length;
  if (flags.length > 0) {
    await bank.db.transaction().execute(async (trx) => {
      const db = trx.withTables<AnomalyTables>();
      for (let i = 0; i < flags.length; i += FLAG_CHUNK) await db.insertInto(FLAG_STAGING).values(flags.slice(i, i + FLAG_CHUNK)).execute();
    });
  }
  return counts;
}
