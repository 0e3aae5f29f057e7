/**
 * `npm run eval:nlu` — intent accuracy and entity exact-match of the built-in recognizer on the
 * held-out corpus (never used for fitting). `-- --cv 5` instead cross-validates on the training
 * split (for tuning); `-- --challenge` scores the harder challenge set; `-- --errors` lists every miss.
 */
import { loadCorpus, type CorpusSplit } from './corpus';
import { evaluateRecognizer, mergeReports, stratifiedFolds, type EvaluationReport, type Tally } from './evaluate';
import { createRuleRecognizer } from './recognizer';

const pct = (k: number, n: number): string => (n ? `${((100 * k) / n).toFixed(1)}%` : '-');
const row = (label: string, t: Tally): string =>
  `${label.padEnd(24)} ${String(t.n).padStart(5)}  ${pct(t.intentCorrect, t.n).padStart(7)}  ${pct(t.entityExact, t.n).padStart(7)}`;

function print(title: string, report: EvaluationReport, showErrors: boolean): void {
  console.log(`\n${title}`);
  console.log(`${'bucket'.padEnd(24)} ${'n'.padStart(5)}  ${'intent'.padStart(7)}  ${'entities'.padStart(7)}`);
  console.log(row('overall', report.overall));
  for (const [lang, t] of Object.entries(report.byLanguage)) console.log(row(`language ${lang}`, t));
  console.log(row('  of which mixed zh/en', report.mixed));
  for (const [intent, t] of Object.entries(report.byIntent)) console.log(row(`intent ${intent}`, t));
  console.log('\ntop confusions (expected -> predicted):');
  if (report.confusions.length === 0) console.log('  none');
  for (const c of report.confusions.slice(0, 10)) console.log(`  ${c.expected} -> ${c.predicted}: ${c.count}`);
  console.log(`\nmean recognition time: ${report.meanMs.toFixed(3)} ms/message`);
  if (showErrors) {
    console.log('\nmisses:');
    for (const e of report.errors) {
      console.log(`  "${e.text}"  expected ${e.expected.intent} ${JSON.stringify(e.expected.entities)}`);
      console.log(`      got ${e.intent} (${e.confidence}) ${JSON.stringify(e.entities)}`);
    }
  }
}

function main(argv: readonly string[]): void {
  const showErrors = argv.includes('--errors');
  const cvAt = argv.indexOf('--cv');
  if (cvAt >= 0) {
    const k = Number(argv[cvAt + 1] ?? 5);
    if (!Number.isInteger(k) || k < 2) throw new Error(`--cv needs a fold count of 2 or more, e.g. --cv 5 (got ${argv[cvAt + 1]})`);
    const folds = stratifiedFolds(loadCorpus('train'), k);
    const reports = folds.map((test, i) =>
      evaluateRecognizer(createRuleRecognizer({ train: folds.filter((_, j) => j !== i).flat() }), test),
    );
    const merged = mergeReports(reports);
    print(`${k}-fold cross-validation on the training split (${merged.overall.n} utterances)`, merged, showErrors);
    return;
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const recognizer = createRuleRecognizer();
  const fitMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const fitCpuMs = (cpu.user + cpu.system) / 1000;
  const split: CorpusSplit = argv.includes('--challenge') ? 'challenge' : 'heldout';
  const examples = loadCorpus(split);
  console.log(`trained on ${loadCorpus('train').length} utterances in ${fitMs.toFixed(0)} ms (${fitCpuMs.toFixed(0)} ms CPU); evaluating on ${examples.length} ${split} utterances`);
  print(`${split} evaluation`, evaluateRecognizer(recognizer, examples), showErrors);
}

main(process.argv.slice(2));
