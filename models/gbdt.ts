/**
 * Gradient-boosted decision trees for binary classification (churn, product propensity),
 * designed like scikit-learn's HistGradientBoostingClassifier with log loss: quantile
 * histogram binning with a missing-value bin, best-first trees, histogram subtraction,
 * native categorical splits, shrinkage and optional early stopping. Every score can be
 * explained exactly with TreeSHAP ({@link gbdtContributions}).
 */
import { BinMapper, MISSING_BIN, binRows, fitBinMapper, makeRng } from './gbdt-binning';
import { GrownTree, GrowParams, growTree, newWorkspace, predictBinned } from './gbdt-grow';
import { CompiledForest, compileForest, goesLeft, predictRows, rawMargin, sigmoid } from './gbdt-predict';
import { GBDT_FORMAT, GBDT_FORMAT_VERSION, GbdtModel, GbdtNodes, GbdtOptions } from './gbdt-types';
import { ShapWorkspace, treeExpectedValue, treeShap } from './tree-shap';

export type { GbdtModel, GbdtNodes, GbdtOptions } from './gbdt-types';
export { GBDT_FORMAT, GBDT_FORMAT_VERSION } from './gbdt-types';
export { GbdtModelError, deserialiseGbdt, serialiseGbdt, validateGbdtModel } from './gbdt-serialise';

const VALIDATION_FRACTION = 0.1;
const N_ITER_NO_CHANGE = 10;
const EARLY_STOP_TOL = 1e-7;
const AUTO_EARLY_STOP_ROWS = 10_000;
const MIN_HESSIAN = 1e-3;

interface ResolvedOptions {
  maxIter: number;
  learningRate: number;
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  maxBins: number;
  categorical: boolean[];
  earlyStopping: boolean;
  seed: number;
}

function resolveOptions(opts: GbdtOptions, n: number, nf: number): ResolvedOptions {
  const int = (v: number | undefined, def: number, min: number, name: string, max = Number.MAX_SAFE_INTEGER): number => {
    const x = v ?? def;
    if (!Number.isInteger(x) || x < min || x > max) throw new Error(`fitGbdt: ${name} must be an integer in ${min}..${max}, got ${v}`);
    return x;
  };
  const num = (v: number | undefined, def: number, ok: (x: number) => boolean, name: string, rule: string): number => {
    const x = v ?? def;
    if (!Number.isFinite(x) || !ok(x)) throw new Error(`fitGbdt: ${name} must be ${rule}, got ${v}`);
    return x;
  };
  const categorical = opts.categorical ?? new Array<boolean>(nf).fill(false);
  if (categorical.length !== nf) throw new Error(`fitGbdt: categorical has ${categorical.length} flags but X has ${nf} columns`);
  const es = opts.earlyStopping ?? 'auto';
  if (es !== 'auto' && typeof es !== 'boolean') throw new Error(`fitGbdt: earlyStopping must be true, false or 'auto'`);
  return {
    maxIter: int(opts.maxIter, 100, 1, 'maxIter'),
    learningRate: num(opts.learningRate, 0.1, (x) => x > 0, 'learningRate', 'a positive number'),
    maxLeafNodes: int(opts.maxLeafNodes, 31, 2, 'maxLeafNodes'),
    maxDepth: opts.maxDepth === undefined ? Number.POSITIVE_INFINITY : int(opts.maxDepth, 0, 1, 'maxDepth'),
    minSamplesLeaf: int(opts.minSamplesLeaf, 20, 1, 'minSamplesLeaf'),
    l2Regularization: num(opts.l2Regularization, 0, (x) => x >= 0, 'l2Regularization', 'a non-negative number'),
    maxBins: int(opts.maxBins, 255, 2, 'maxBins', 255),
    categorical: categorical.map(Boolean),
    earlyStopping: es === 'auto' ? n > AUTO_EARLY_STOP_ROWS : es,
    seed: int(opts.seed, 0, 0, 'seed', 0xffffffff),
  };
}

function checkData(X: number[][], y: number[]): number {
  if (!Array.isArray(X) || X.length === 0) throw new Error('fitGbdt: X must be a non-empty array of rows');
  if (!Array.isArray(y) || y.length !== X.length) throw new Error(`fitGbdt: y has ${y?.length} labels but X has ${X.length} rows`);
  const nf = X[0]?.length ?? 0;
  if (nf < 1) throw new Error('fitGbdt: rows must have at least one feature');
  let pos = 0;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (row.length !== nf) throw new Error(`fitGbdt: row ${i} has ${row.length} values, expected ${nf}`);
    for (let f = 0; f < nf; f++) {
      const x = row[f];
      if (typeof x !== 'number' || x === Infinity || x === -Infinity) {
        throw new Error(`fitGbdt: row ${i} column ${f} is ${x}; use finite numbers, NaN for missing`);
      }
    }
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`fitGbdt: y[${i}] is ${y[i]}, labels must be 0 or 1`);
    pos += y[i];
  }
  if (pos === 0 || pos === X.length) throw new Error('fitGbdt: y holds a single class; the classifier needs both 0 and 1 labels');
  return nf;
}

/** Stratified split of row ids into training and validation parts (seeded). */
function stratifiedSplit(y: number[], fraction: number, seed: number): { train: Int32Array; val: Int32Array } {
  const rng = makeRng(seed);
  const train: number[] = [];
  const val: number[] = [];
  for (const cls of [0, 1]) {
    const ids: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) ids.push(i);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    const nVal = Math.min(ids.length - 1, Math.max(1, Math.round(ids.length * fraction)));
    for (let k = 0; k < ids.length; k++) (k < nVal ? val : train).push(ids[k]);
  }
  train.sort((a, b) => a - b);
  val.sort((a, b) => a - b);
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}

function logLoss(raw: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = raw[i];
    // log(1 + e^z) - y z, computed without overflow.
    s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
  }
  return s / raw.length;
}

/**
 * Fits a binary classifier. `X` rows are numeric (NaN = missing); columns flagged in
 * `opts.categorical` hold integer category codes. `y` holds 0/1 labels.
 */
export function fitGbdt(X: number[][], y: number[], opts: GbdtOptions = {}): GbdtModel {
  const nf = checkData(X, y);
  const o = resolveOptions(opts, X.length, nf);
  let trainRows: Int32Array;
  let valRows: Int32Array = new Int32Array(0);
  if (o.earlyStopping) ({ train: trainRows, val: valRows } = stratifiedSplit(y, VALIDATION_FRACTION, o.seed));
  else trainRows = Int32Array.from({ length: X.length }, (_, i) => i);

  const mapper = fitBinMapper(X, trainRows, o.categorical, o.maxBins, o.seed);
  const n = trainRows.length;
  const data = { binned: binRows(mapper, X, trainRows), n, nFeatures: nf, nBins: mapper.nBins, isCategorical: mapper.isCategorical };
  const yTrain = Float64Array.from(trainRows, (i) => y[i]);
  const nVal = valRows.length;
  const valBinned = nVal > 0 ? binRows(mapper, X, valRows) : new Uint8Array(0);
  const yVal = Float64Array.from(valRows, (i) => y[i]);

  let pos = 0;
  for (let i = 0; i < n; i++) pos += yTrain[i];
  const prior = Math.min(Math.max(pos / n, 1e-12), 1 - 1e-12);
  const baseline = Math.log(prior / (1 - prior));

  const params: GrowParams = {
    maxLeafNodes: o.maxLeafNodes,
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    minHessian: MIN_HESSIAN,
    l2: o.l2Regularization,
    learningRate: o.learningRate,
  };
  const ws = newWorkspace(data);
  const raw = new Float64Array(n).fill(baseline);
  const rawVal = new Float64Array(nVal).fill(baseline);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const builder = new ModelBuilder(mapper, nf);
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  const scores: number[] = o.earlyStopping ? [-logLoss(rawVal, yVal)] : [];

  for (let it = 0; it < o.maxIter; it++) {
    // Gradients of the log loss, and the loss of the model so far (one log per row).
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]);
      const yi = yTrain[i];
      grad[i] = p - yi;
      hess[i] = p * (1 - p);
      loss -= Math.log(Math.max(yi === 1 ? p : 1 - p, 1e-300));
    }
    if (it > 0) trainLoss.push(loss / n);
    const tree = growTree(data, grad, hess, params, ws, raw);
    builder.add(tree);
    if (o.earlyStopping) {
      for (let i = 0; i < nVal; i++) rawVal[i] += predictBinned(tree, valBinned, nVal, i);
      const vl = logLoss(rawVal, yVal);
      validationLoss.push(vl);
      scores.push(-vl);
      if (shouldStop(scores)) break;
    }
  }
  trainLoss.push(logLoss(raw, yTrain));
  return builder.finish(baseline, o.learningRate, trainLoss, validationLoss);
}

/** scikit-learn's rule: stop when none of the last rounds beat the score N rounds ago by tol. */
function shouldStop(scores: number[]): boolean {
  if (scores.length <= N_ITER_NO_CHANGE) return false;
  const reference = scores[scores.length - N_ITER_NO_CHANGE - 1];
  for (let k = scores.length - N_ITER_NO_CHANGE; k < scores.length; k++) {
    if (scores[k] > reference + EARLY_STOP_TOL) return false;
  }
  return true;
}

/** Appends bin-space trees to the flat, raw-value node table of the model. */
class ModelBuilder {
  private readonly nodes: GbdtNodes = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [], cover: [], catOffset: [] };
  private readonly roots: number[] = [];
  private readonly catBits: number[] = [];
  private readonly catWords: number[];
  constructor(
    private readonly mapper: BinMapper,
    nf: number,
  ) {
    this.catWords = [];
    for (let f = 0; f < nf; f++) {
      const cats = mapper.categories[f];
      this.catWords.push(mapper.isCategorical[f] ? Math.max(1, Math.ceil(((cats.length > 0 ? cats[cats.length - 1] : 0) + 1) / 32)) : 0);
    }
  }

  add(tree: GrownTree): void {
    const off = this.nodes.feature.length;
    this.roots.push(off);
    const nd = this.nodes;
    for (let i = 0; i < tree.feature.length; i++) {
      const f = tree.feature[i];
      nd.feature.push(f);
      nd.left.push(f < 0 ? -1 : tree.left[i] + off);
      nd.right.push(f < 0 ? -1 : tree.right[i] + off);
      nd.value.push(tree.value[i]);
      nd.cover.push(tree.cover[i]);
      nd.missingLeft.push(f < 0 ? 0 : tree.missingLeft[i]);
      const bins = tree.catBins[i];
      if (f >= 0 && bins !== null) {
        nd.threshold.push(0);
        nd.catOffset.push(this.catBits.length);
        const words = new Uint32Array(this.catWords[f]);
        const cats = this.mapper.categories[f];
        for (let b = 0; b < cats.length; b++) {
          if (b !== MISSING_BIN && (bins[b >>> 5] & (1 << (b & 31))) !== 0) words[cats[b] >>> 5] |= 1 << (cats[b] & 31);
        }
        for (const w of words) this.catBits.push(w);
      } else if (f >= 0) {
        const t = this.mapper.thresholds[f];
        // The last bin has no upper bound: "all non-missing values left" uses the largest double.
        nd.threshold.push(tree.bin[i] < t.length ? t[tree.bin[i]] : Number.MAX_VALUE);
        nd.catOffset.push(-1);
      } else {
        nd.threshold.push(0);
        nd.catOffset.push(-1);
      }
    }
  }

  finish(baseline: number, learningRate: number, trainLoss: number[], validationLoss: number[]): GbdtModel {
    const nf = this.catWords.length;
    const knownCategories: number[][] = [];
    const categorical: boolean[] = [];
    for (let f = 0; f < nf; f++) {
      categorical.push(this.mapper.isCategorical[f] === 1);
      knownCategories.push(this.mapper.isCategorical[f] ? Array.from(this.mapper.categories[f]) : []);
    }
    return {
      format: GBDT_FORMAT,
      version: GBDT_FORMAT_VERSION,
      nFeatures: nf,
      baseline,
      learningRate,
      categorical,
      catWords: this.catWords,
      knownCategories,
      roots: this.roots,
      nodes: this.nodes,
      catBits: this.catBits,
      trainLoss,
      validationLoss,
    };
  }
}

function checkRow(c: CompiledForest, row: ArrayLike<number>, fn: string): void {
  if (row == null || row.length !== c.nFeatures) throw new Error(`${fn}: row has ${row?.length} values, the model expects ${c.nFeatures}`);
}

/** Probability that y = 1 for one row (same column layout as training; NaN = missing). */
export function predictGbdt(model: GbdtModel, row: ArrayLike<number>): number {
  const c = compileForest(model);
  checkRow(c, row, 'predictGbdt');
  return sigmoid(rawMargin(c, row));
}

/** Raw margin (log-odds) for one row: baseline plus the leaf values of all trees. */
export function predictGbdtMargin(model: GbdtModel, row: ArrayLike<number>): number {
  const c = compileForest(model);
  checkRow(c, row, 'predictGbdtMargin');
  return rawMargin(c, row);
}

/** Probabilities that y = 1 for many rows. */
export function predictGbdtBatch(model: GbdtModel, X: number[][]): Float64Array {
  if (!Array.isArray(X)) throw new Error('predictGbdtBatch: X must be an array of rows');
  return predictRows(compileForest(model), X, 'predictGbdtBatch');
}

interface ShapState {
  expectedValue: number;
  ws: ShapWorkspace;
}
const shapCache = new WeakMap<CompiledForest, ShapState>();

/**
 * Exact TreeSHAP contributions of every feature to the row's raw margin (log-odds), summed
 * over trees: expectedValue + sum(contributions) equals the margin, where expectedValue is the
 * baseline plus each tree's cover-weighted mean output (the average training margin).
 */
export function gbdtContributions(model: GbdtModel, row: ArrayLike<number>): { expectedValue: number; contributions: Float64Array } {
  const c = compileForest(model);
  checkRow(c, row, 'gbdtContributions');
  let st = shapCache.get(c);
  if (st === undefined) {
    let ev = c.baseline;
    for (let t = 0; t < c.roots.length; t++) ev += treeExpectedValue(c, c.roots[t]);
    st = { expectedValue: ev, ws: new ShapWorkspace(c.maxDepth) };
    shapCache.set(c, st);
  }
  const phi = new Float64Array(c.nFeatures);
  const route = (node: number): boolean => goesLeft(c, node, row);
  for (let t = 0; t < c.roots.length; t++) treeShap(c, c.roots[t], route, phi, st.ws);
  return { expectedValue: st.expectedValue, contributions: phi };
}
