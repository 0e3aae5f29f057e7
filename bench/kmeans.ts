/**
 * k-means benchmark against the scikit-learn reference in ../shared/datasets/README.md: a 100,000 × 12
 * standard-normal matrix, k = 8, one k-means++ init, 100 Lloyd iterations (scikit-learn: 0.338 s on one
 * thread, inertia 964,640). Compares the typed-array implementation the segmentation uses with ml-kmeans
 * on the same data and the same iteration budget. Reports wall time and process CPU time (the fairer
 * single-thread figure on a shared machine).
 *
 * Run with `npx tsx bench/kmeans.ts [--rows 100000] [--repeat 3] [--skip-ml]`.
 */
import { parseArgs } from 'node:util';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { kmeansFit } from '../models/segmentation/kmeans';
import { seededRandom } from '../models/segmentation/random';

const SKLEARN_SECONDS_1_THREAD = 0.338;
const SKLEARN_INERTIA = 964_640;

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, repeat: { type: 'string', default: '3' }, 'skip-ml': { type: 'boolean', default: false } },
});
const rows = Number(values.rows);
const repeat = Number(values.repeat);
const dim = 12;
const k = 8;
const iterations = 100;

function standardNormal(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random.next()));
    const t = 2 * Math.PI * random.next();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

interface Timing {
  wall: number;
  cpu: number;
  inertia: number;
  iterations: number;
}

function time(run: () => { inertia: number; iterations: number }): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = run();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, ...r };
}

function best(label: string, runs: Timing[]): Timing {
  const b = runs.reduce((a, r) => (r.cpu < a.cpu ? r : a));
  console.log(
    `${label.padEnd(26)} wall ${b.wall.toFixed(3)} s  cpu ${b.cpu.toFixed(3)} s  (${(b.cpu / SKLEARN_SECONDS_1_THREAD).toFixed(2)}× scikit-learn 1 thread)  ` +
      `iterations ${b.iterations}  inertia ${Math.round(b.inertia).toLocaleString('en-US')}`,
  );
  return b;
}

const data = standardNormal(rows * dim, 2026);
console.log(`k-means: ${rows.toLocaleString('en-US')} × ${dim} standard normal, k = ${k}, 1 init, ${iterations} iterations; best of ${repeat}`);
console.log(`scikit-learn reference (1 thread): ${SKLEARN_SECONDS_1_THREAD} s, inertia ${SKLEARN_INERTIA.toLocaleString('en-US')}`);

const typed: Timing[] = [];
for (let r = 0; r < repeat; r++) {
  typed.push(time(() => kmeansFit({ data, rows, dim }, k, { seed: r + 1, maxIterations: iterations, tolerance: 0, nInit: 1 })));
}
best('typed-array Lloyd', typed);

if (!values['skip-ml']) {
  const nested: number[][] = Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
  const ml: Timing[] = [];
  for (let r = 0; r < repeat; r++) {
    ml.push(
      time(() => {
        // tolerance 0: never "converged", so both implementations run the same 100 iterations.
        const res = mlKmeans(nested, k, { seed: r + 1, initialization: 'kmeans++', maxIterations: iterations, tolerance: 0 });
        let inertia = 0;
        for (let i = 0; i < rows; i++) {
          const c = res.centroids[res.clusters[i] as number] as number[];
          const row = nested[i] as number[];
          for (let j = 0; j < dim; j++) inertia += ((row[j] as number) - (c[j] as number)) ** 2;
        }
        return { inertia, iterations: res.iterations };
      }),
    );
  }
  best('ml-kmeans 7 (number[][])', ml);
}
