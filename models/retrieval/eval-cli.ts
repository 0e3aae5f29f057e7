/**
 * `npm run eval:retrieval [-- --questions file.jsonl --compare]`
 *
 * Builds the policy index in a temporary directory and reports recall@1 / recall@3 on the
 * labelled questions, overall, per language and for the held-out split. With --compare it also
 * reports other vector/BM25 weights and the ranking without glossary concepts, the evidence
 * for the defaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateRetrieval, loadQuestions, type EvaluationReport } from './evaluate';
import { LocalHashEmbeddings } from './local-embeddings';
import { DEFAULT_VECTOR_WEIGHT, PolicyRetriever } from './policy-retriever';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function printReport(label: string, r: EvaluationReport): void {
  const row = (name: string, f: { count: number; recallAt1: number; recallAt3: number }): string =>
    `  ${name.padEnd(9)} n=${String(f.count).padStart(3)}  recall@1 ${pct(f.recallAt1).padStart(6)}  recall@3 ${pct(f.recallAt3).padStart(6)}`;
  console.log(label);
  console.log(row('overall', r.overall));
  console.log(row('en', r.byLanguage.en));
  console.log(row('zh', r.byLanguage.zh));
  console.log(row('tune', r.bySplit.tune));
  console.log(row('holdout', r.bySplit.holdout));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = resolve(__dirname, '../..');
  const questionsFile = resolve(flag('--questions') ?? join(root, 'test/retrieval/questions.jsonl'));
  const handbookDir = resolve(flag('--handbook') ?? join(root, 'prompts/policy'));
  const questions = loadQuestions(questionsFile);
  const indexDir = mkdtempSync(join(tmpdir(), 'policy-index-'));
  try {
    const started = performance.now();
    const retriever = await PolicyRetriever.open({ handbookDir, indexDir });
    const openMs = performance.now() - started;
    console.log(
      `Handbook ${handbookDir}: ${retriever.passageCount} passages; index built in ${retriever.buildMs} ms (open ${openMs.toFixed(0)} ms)`,
    );
    const evalStart = performance.now();
    const report = await evaluateRetrieval(retriever, questions);
    const perQuery = (performance.now() - evalStart) / questions.length;
    printReport(`Hybrid (vector weight ${DEFAULT_VECTOR_WEIGHT}), ${perQuery.toFixed(2)} ms/query:`, report);
    for (const m of report.misses) console.log(`  miss: ${m.question}  expected ${m.expected}, got ${m.got.join(', ')}`);

    if (args.includes('--compare')) {
      for (const w of [1, 0.7, 0.3, 0]) {
        const variant = await PolicyRetriever.open({ handbookDir, indexDir, vectorWeight: w });
        printReport(`Vector weight ${w}${w === 1 ? ' (vector only)' : w === 0 ? ' (BM25 only)' : ''}:`, await evaluateRetrieval(variant, questions));
      }
      const noGlossary = await PolicyRetriever.open({ handbookDir, indexDir, embeddings: new LocalHashEmbeddings({ conceptWeight: 0 }) });
      printReport('Without the glossary concepts:', await evaluateRetrieval(noGlossary, questions));
    }
    const ok = report.overall.recallAt3 >= 0.9;
    console.log(ok ? 'recall@3 target (>= 90%) met' : 'recall@3 target (>= 90%) NOT met');
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
