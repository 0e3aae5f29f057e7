/**
 * Benchmark of the gradient-boosted tree classifier on the shared public datasets
 * (5-fold, same folds as the scikit-learn references), plus explanation latency and
 * batch scoring throughput. Run with `npx tsx bench/gbdt.ts [--folds 0,1] [--quick]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitGbdt, gbdtContributions, predictGbdtBatch, serialiseGbdt } from '../models/gbdt';

const DATA_DIR = join(__dirname, '..', '..', 'shared', 'datasets');

interface Dataset {
  name: string;
  X: number[][];
  y: number[];
  fold: number[];
  categorical: boolean[];
  columns: string[];
}

/** Reads a benchmark CSV; non-numeric columns become integer codes in sorted order. */
function loadDataset(file: string): Dataset {
  const lines = readFileSync(join(DATA_DIR, file), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const ti = header.indexOf('target');
  const fi = header.indexOf('fold');
  const featureIdx = header.map((_, i) => i).filter((i) => i !== ti && i !== fi);
  const categorical = featureIdx.map((c) => rows.some((r) => r[c] !== '' && Number.isNaN(Number(r[c]))));
  const codes = featureIdx.map((c, k) => (categorical[k] ? [...new Set(rows.map((r) => r[c]))].sort() : []));
  const X = rows.map((r) =>
    featureIdx.map((c, k) => (categorical[k] ? codes[k].indexOf(r[c]) : r[c] === '' ? Number.NaN : Number(r[c]))),
  );
  return {
    name: file,
    X,
    y: rows.map((r) => Number(r[ti])),
    fold: rows.map((r) => Number(r[fi])),
    categorical,
    columns: featureIdx.map((c) => header[c]),
  };
}

function rocAuc(y: ArrayLike<number>, s: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => s[a] - s[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && s[idx[j + 1]] === s[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]] === 1) {
      rankSumPos += rank;
      nPos++;
    }
    i = j + 1;
  }
  const nNeg = y.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
    s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
  }
  return s / y.length;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const mean = (a: number[]): number => a.reduce((x, v) => x + v, 0) / a.length;
const median = (a: number[]): number => {
  const s = [...a].sort((x, z) => x - z);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function crossValidate(ds: Dataset, folds: number[], nativeCategorical: boolean): void {
  const auc: number[] = [];
  const br: number[] = [];
  const ll: number[] = [];
  const fit: number[] = [];
  const cpu: number[] = [];
  const trees: number[] = [];
  for (const k of folds) {
    const tr = ds.X.map((_, i) => i).filter((i) => ds.fold[i] !== k);
    const te = ds.X.map((_, i) => i).filter((i) => ds.fold[i] === k);
    const Xtr = tr.map((i) => ds.X[i]);
    const ytr = tr.map((i) => ds.y[i]);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const model = fitGbdt(Xtr, ytr, { categorical: nativeCategorical ? ds.categorical : undefined, seed: 0 });
    const dc = process.cpuUsage(c0);
    fit.push((performance.now() - t0) / 1000);
    // CPU time of the process: close to wall time on an idle machine, robust when the box is busy.
    cpu.push((dc.user + dc.system) / 1e6);
    trees.push(model.roots.length);
    const p = predictGbdtBatch(model, te.map((i) => ds.X[i]));
    const yte = te.map((i) => ds.y[i]);
    auc.push(rocAuc(yte, p));
    br.push(brier(yte, p));
    ll.push(logLoss(yte, p));
  }
  const mode = nativeCategorical ? 'native categorical' : 'ordinal codes';
  console.log(
    `${ds.name} (${mode}, folds ${folds.join(',')}): AUC ${mean(auc).toFixed(4)}  Brier ${mean(br).toFixed(4)}  log loss ${mean(ll).toFixed(4)}  ` +
      `fit wall median ${median(fit).toFixed(3)} s (min ${Math.min(...fit).toFixed(3)}), CPU median ${median(cpu).toFixed(3)} s  trees ${trees.join('/')}`,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const foldArg = args.indexOf('--folds');
  const folds = foldArg >= 0 ? args[foldArg + 1].split(',').map(Number) : [0, 1, 2, 3, 4];
  const churn = loadDataset('bank_churn.csv');
  const german = loadDataset('german_credit.csv');
  // Warm the JIT once so the first fold's timing is representative of a long-running service.
  for (const native of [true, false]) fitGbdt(churn.X, churn.y, { categorical: native ? churn.categorical : undefined });
  for (const native of [true, false]) {
    crossValidate(churn, folds, native);
    crossValidate(german, folds, native);
  }

  const tr = churn.X.map((_, i) => i).filter((i) => churn.fold[i] !== 0);
  const model = fitGbdt(
    tr.map((i) => churn.X[i]),
    tr.map((i) => churn.y[i]),
    { categorical: churn.categorical },
  );
  const rows = churn.X.filter((_, i) => churn.fold[i] === 0);
  gbdtContributions(model, rows[0]);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const reps = 2000;
  for (let r = 0; r < reps; r++) gbdtContributions(model, rows[r % rows.length]);
  const perRow = (performance.now() - t0) / reps;
  const cpuRow = cpuMs(c0) / reps;
  console.log(`TreeSHAP: ${perRow.toFixed(3)} ms wall, ${cpuRow.toFixed(3)} ms CPU per row (${model.roots.length} trees, ${model.nodes.feature.length} nodes)`);
  console.log(`Model JSON: ${(serialiseGbdt(model).length / 1024).toFixed(0)} KiB`);

  const big: number[][] = [];
  for (let i = 0; i < 200_000; i++) big.push(churn.X[i % churn.X.length]);
  predictGbdtBatch(model, big.slice(0, 10_000));
  let sec = Number.POSITIVE_INFINITY;
  let cpuSec = Number.POSITIVE_INFINITY;
  for (let rep = 0; rep < 3; rep++) {
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    predictGbdtBatch(model, big);
    sec = Math.min(sec, (performance.now() - t1) / 1000);
    cpuSec = Math.min(cpuSec, cpuMs(c1) / 1000);
  }
  console.log(`Batch scoring (best of 3): ${Math.round(big.length / sec).toLocaleString('en-US')} rows/s wall, ${Math.round(big.length / cpuSec).toLocaleString('en-US')} rows/s of CPU (${model.roots.length} trees)`);
}

main();
