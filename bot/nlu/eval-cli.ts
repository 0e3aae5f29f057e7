/**
 * `npm run eval:nlu` — intent accuracy and entity exact-match of the built-in recognizer on the
 * held-out corpus (never used for fitting). `-- --cv 5` instead cross-validates on the training
 * split (for tuning); `-- --errors` lists every miss.
 */
import { loadCorpus, type LabelledUtterance } from './corpus';
import { evaluateRecognizer, stratifiedFolds, type EvaluationReport, type Tally } from './evaluate';
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
    const folds = stratifiedFolds(loadCorpus('train'), k);
    const all: LabelledUtterance[] = [];
    const reports = folds.map((test, i) => {
      all.push(...test);
      const train = folds.filter((_, j) => j !== i).flat();
      return evaluateRecognizer(createRuleRecognizer({ train }), test);
    });
    // Merge fold reports by re-summing tallies.
    const merged = reports.reduce((acc, r) => {
      const add = (a: Tally, b: Tally) => {
        a.n += b.n;
        a.intentCorrect += b.intentCorrect;
        a.entityExact += b.entityExact;
      };
      add(acc.overall, r.overall);
      add(acc.mixed, r.mixed);
      for (const k2 of Object.keys(r.byLanguage) as (keyof typeof r.byLanguage)[]) add(acc.byLanguage[k2], r.byLanguage[k2]);
      for (const k2 of Object.keys(r.byIntent) as (keyof typeof r.byIntent)[]) add(acc.byIntent[k2], r.byIntent[k2]);
      acc.errors.push(...r.errors);
      for (const c of r.confusions) {
        const hit = acc.confusions.find((x) => x.expected === c.expected && x.predicted === c.predicted);
        if (hit) hit.count += c.count;
        else acc.confusions.push({ ...c });
      }
      return acc;
    }, structuredClone({ ...reports[0]!, overall: { n: 0, intentCorrect: 0, entityExact: 0 }, mixed: { n: 0, intentCorrect: 0, entityExact: 0 }, byLanguage: { en: { n: 0, intentCorrect: 0, entityExact: 0 }, zh: { n: 0, intentCorrect: 0, entityExact: 0 } }, byIntent: Object.fromEntries(Object.keys(reports[0]!.byIntent).map((k2) => [k2, { n: 0, intentCorrect: 0, entityExact: 0 }])) as EvaluationReport['byIntent'], errors: [], confusions: [] }));
    merged.confusions.sort((a, b) => b.count - a.count);
    print(`${k}-fold cross-validation on the training split (${all.length} utterances)`, merged, showErrors);
    return;
  }
  const t0 = performance.now();
  const recognizer = createRuleRecognizer();
  const fitMs = performance.now() - t0;
  const heldout = loadCorpus('heldout');
  console.log(`trained on ${loadCorpus('train').length} utterances in ${fitMs.toFixed(0)} ms; evaluating on ${heldout.length} held-out utterances`);
  print('held-out evaluation', evaluateRecognizer(recognizer, heldout), showErrors);
}

main(process.argv.slice(2));
