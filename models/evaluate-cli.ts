/**
 * npm run evaluate -- --data <csv> [--models logistic,scorecard,gbdt] [--seed 1] [--warmup 1] [--repeat 1] [--json]
 *
 * Cross-validates the credit/churn models on a CSV with `target` (0/1) and `fold` columns and
 * prints ROC AUC, PR AUC, Brier, KS and log loss (mean ± std over folds) and the median fit time
 * per fold, for comparison with the scikit-learn reference scores. --warmup fits untimed first (so
 * times exclude the engine's first-use compilation); --repeat times every fold that many times and
 * keeps the fastest (for a machine shared with other work).
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEvalModel, parseModelList } from './eval-models';
import { evaluate, formatEvaluation } from './eval-run';
import { loadCsvDataset } from './tabular';

const USAGE = 'usage: npm run evaluate -- --data <file.csv> [--models logistic,scorecard,gbdt] [--seed 1] [--warmup 1] [--repeat 1] [--json]';

function parseInteger(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got "${v}"\n${USAGE}`);
  return n;
}

export async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      models: { type: 'string', default: 'logistic,scorecard,gbdt' },
      seed: { type: 'string', default: '1' },
      warmup: { type: 'string', default: '1' },
      repeat: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return USAGE;
  if (!values.data) throw new Error(`--data is required\n${USAGE}`);
  const names = parseModelList(values.models);
  const models = await Promise.all(names.map(loadEvalModel));
  const ds = loadCsvDataset(values.data);
  const result = evaluate(ds, models, {
    seed: parseInteger('seed', values.seed),
    warmup: parseInteger('warmup', values.warmup),
    repeat: parseInteger('repeat', values.repeat),
  });
  return values.json ? JSON.stringify({ file: basename(values.data), ...result }, null, 2) : formatEvaluation(result, basename(values.data));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (out) => console.log(out),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
