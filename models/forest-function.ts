/**
 * A fitted forest turned into JavaScript functions, for scoring millions of rows: each tree becomes
 * nested `if` statements over the row with its thresholds and leaf values written in as numbers, which
 * the JIT compiles to straight comparisons (about twice as fast as walking the typed-array node table
 * in gbdt-predict.ts, measured on the propensity models).
 *
 * Only numbers produced by this module reach the generated source: feature and node indices checked
 * to be integers in range, thresholds and leaf values checked to be finite (a forest that fails a
 * check is scored by the table walker instead). Trees are added in order onto the baseline exactly as
 * `rawMargin` does, so the margin is bit-for-bit the same.
 */
import { goesLeft, rawMargin, type CompiledForest } from './gbdt-predict';

/** Trees per generated function: small enough for the JIT to optimise each one. */
const TREES_PER_FUNCTION = 8;

type Chunk = (x: ArrayLike<number>, sum: number) => number;

/** Raw margin (log-odds) of a row in the forest's input order. */
export type MarginFunction = (x: ArrayLike<number>) => number;

const numberLiteral = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

function treeSource(c: CompiledForest, node: number, indent: string): string | null {
  const f = c.feature[node];
  if (f < 0) {
    const v = c.value[node];
    return Number.isFinite(v) ? `${indent}sum += ${numberLiteral(v)};\n` : null;
  }
  if (!Number.isInteger(f) || f >= c.nFeatures) return null;
  const kind = c.kind[node];
  const t = c.threshold[node];
  let test: string;
  if (kind === 2) test = `left(forest, ${node}, x)`;
  else if (!Number.isFinite(t)) return null;
  // NaN fails every comparison, so the form of the test sends it the learned way (as in rawMargin).
  else test = kind === 0 ? `x[${f}] <= ${numberLiteral(t)}` : `!(x[${f}] > ${numberLiteral(t)})`;
  const l = treeSource(c, c.left[node], `${indent} `);
  const r = treeSource(c, c.right[node], `${indent} `);
  if (l === null || r === null) return null;
  return `${indent}if (${test}) {\n${l}${indent}} else {\n${r}${indent}}\n`;
}

/**
 * The forest's margin as generated functions, or the table walker when the forest holds a value that
 * cannot be written as a plain number.
 */
export function marginFunction(c: CompiledForest): MarginFunction {
  const chunks: Chunk[] = [];
  for (let from = 0; from < c.roots.length; from += TREES_PER_FUNCTION) {
    let body = '';
    for (let t = from; t < Math.min(c.roots.length, from + TREES_PER_FUNCTION); t++) {
      const tree = treeSource(c, c.roots[t], '  ');
      if (tree === null) return (x) => rawMargin(c, x);
      body += tree;
    }
    // The source holds only the numbers checked above; `left` and `forest` are bound, never read from data.
    const make = new Function('left', 'forest', `return function trees(x, sum) {\n${body}  return sum;\n};`) as (
      left: typeof goesLeft,
      forest: CompiledForest,
    ) => Chunk;
    chunks.push(make(goesLeft, c));
  }
  const baseline = c.baseline;
  return (x) => {
    let sum = baseline;
    for (let i = 0; i < chunks.length; i++) sum = chunks[i](x, sum);
    return sum;
  };
}
