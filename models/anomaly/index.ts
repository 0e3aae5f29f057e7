/** Unusual-transaction detection: customer baselines, rules and an isolation forest; the database step that runs it. */
export { fitIsolationForest, isolationScore, averagePathLength, type IsolationForest, type IsolationForestOptions } from './isolation-forest';
export { CustomerHistory, walkCustomer, TRANSACTION_FEATURES } from './history';
export { combineEvidence, EVIDENCE_WEIGHTS, type Reason, type ReasonCode } from './evidence';
export { fitAnomalyModel, scoreCustomer, scoreTransaction, DEFAULT_EXPECTED_RATE, type AnomalyModel, type AnomalyFitOptions, type ScoredTransaction } from './model';
export { runAnomalyDetection, customerFlags, type AnomalyProgress, type AnomalyRunResult, type RunAnomalyOptions } from './run-anomaly-detection';
export type { Population, TransactionContext, TransactionRow } from './types';
