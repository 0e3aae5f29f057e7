/**
 * JSON (de)serialisation of gradient-boosted tree models. Loading checks everything the
 * predictor relies on (format and version, array shapes, tree structure, finite numbers),
 * so a corrupted or incompatible file fails at load time with a clear message instead of
 * scoring customers with garbage.
 */
import { GBDT_FORMAT, GBDT_FORMAT_VERSION, GbdtModel, GbdtNodes } from './gbdt-types';

/** Raised when a stored model cannot be used; `code` is stable for callers. */
export class GbdtModelError extends Error {
  readonly code = 'GBDT_MODEL_INVALID';
  constructor(message: string) {
    super(`Invalid gradient-boosted tree model: ${message}`);
    this.name = 'GbdtModelError';
  }
}

/** Serialises a model to JSON text (numbers keep full double precision). */
export function serialiseGbdt(model: GbdtModel): string {
  validateGbdtModel(model);
  return JSON.stringify(model);
}

/** Parses and validates a model written by {@link serialiseGbdt}; throws {@link GbdtModelError}. */
export function deserialiseGbdt(json: string): GbdtModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new GbdtModelError(`not valid JSON (${(e as Error).message}); the file is truncated or corrupted, retrain or restore it`);
  }
  validateGbdtModel(parsed);
  return parsed;
}

const NODE_KEYS: (keyof GbdtNodes)[] = ['feature', 'threshold', 'missingLeft', 'left', 'right', 'value', 'cover', 'catOffset'];

function fail(message: string): never {
  throw new GbdtModelError(message);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function numberArray(x: unknown, name: string, length?: number): number[] {
  if (!Array.isArray(x)) fail(`${name} must be an array`);
  if (length !== undefined && x.length !== length) fail(`${name} has ${x.length} entries, expected ${length}`);
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'number' || !Number.isFinite(x[i])) fail(`${name}[${i}] is ${JSON.stringify(x[i])}, expected a finite number`);
  }
  return x as number[];
}

function isInt(x: number, lo: number, hi: number): boolean {
  return Number.isInteger(x) && x >= lo && x <= hi;
}

/** Throws {@link GbdtModelError} unless `m` is a structurally sound model of this format version. */
export function validateGbdtModel(m: unknown): asserts m is GbdtModel {
  if (!isRecord(m)) fail('expected a JSON object');
  if (m.format !== GBDT_FORMAT) fail(`format is ${JSON.stringify(m.format)}, expected "${GBDT_FORMAT}"`);
  if (m.version !== GBDT_FORMAT_VERSION) {
    fail(`format version ${JSON.stringify(m.version)} is not supported (this code reads version ${GBDT_FORMAT_VERSION}); retrain the model with this release`);
  }
  const nf = m.nFeatures;
  if (typeof nf !== 'number' || !isInt(nf, 1, 1e6)) fail(`nFeatures is ${JSON.stringify(nf)}, expected a positive integer`);
  for (const k of ['baseline', 'learningRate'] as const) {
    if (typeof m[k] !== 'number' || !Number.isFinite(m[k])) fail(`${k} must be a finite number`);
  }
  const categorical = m.categorical;
  if (!Array.isArray(categorical) || categorical.length !== nf || categorical.some((c) => typeof c !== 'boolean')) {
    fail(`categorical must be ${nf} booleans`);
  }
  const catWords = numberArray(m.catWords, 'catWords', nf);
  if (!Array.isArray(m.knownCategories) || m.knownCategories.length !== nf) fail(`knownCategories must have ${nf} entries`);
  for (let f = 0; f < nf; f++) {
    const known = numberArray(m.knownCategories[f], `knownCategories[${f}]`);
    if (categorical[f]) {
      if (!isInt(catWords[f], 1, 2048)) fail(`catWords[${f}] is ${catWords[f]}, expected 1..2048 for a categorical feature`);
      for (const c of known) if (!isInt(c, 0, catWords[f] * 32 - 1)) fail(`knownCategories[${f}] holds ${c}, outside 0..${catWords[f] * 32 - 1}`);
    } else if (catWords[f] !== 0 || known.length !== 0) {
      fail(`feature ${f} is numeric but has category data`);
    }
  }
  const catBits = numberArray(m.catBits, 'catBits');
  for (let i = 0; i < catBits.length; i++) if (!isInt(catBits[i], 0, 0xffffffff)) fail(`catBits[${i}] is not an unsigned 32-bit word`);
  numberArray(m.trainLoss, 'trainLoss');
  numberArray(m.validationLoss, 'validationLoss');

  if (!isRecord(m.nodes)) fail('nodes must be an object');
  const nodes = m.nodes;
  const total = Array.isArray(nodes.feature) ? nodes.feature.length : -1;
  if (total < 1) fail('nodes.feature must be a non-empty array');
  const a = {} as Record<keyof GbdtNodes, number[]>;
  for (const k of NODE_KEYS) a[k] = numberArray(nodes[k], `nodes.${k}`, total);
  const roots = numberArray(m.roots, 'roots');
  if (roots.length < 1 || roots[0] !== 0) fail('roots must start with node 0');
  for (let t = 1; t < roots.length; t++) {
    if (!isInt(roots[t], roots[t - 1] + 1, total - 1)) fail(`roots[${t}] = ${roots[t]} is not an ascending node id`);
  }
  const parents = new Int32Array(total);
  let tree = 0;
  for (let i = 0; i < total; i++) {
    while (tree + 1 < roots.length && roots[tree + 1] <= i) tree++;
    const treeEnd = tree + 1 < roots.length ? roots[tree + 1] : total;
    const f = a.feature[i];
    if (!isInt(f, -1, nf - 1)) fail(`node ${i} splits on feature ${f}, model has ${nf}`);
    if (!(a.cover[i] >= 0)) fail(`node ${i} has negative cover`);
    if (f < 0) {
      if (a.left[i] !== -1 || a.right[i] !== -1) fail(`leaf ${i} has children`);
      continue;
    }
    for (const child of [a.left[i], a.right[i]]) {
      if (!isInt(child, i + 1, treeEnd - 1)) fail(`node ${i} has child ${child} outside its tree (${i + 1}..${treeEnd - 1})`);
      parents[child]++;
    }
    if (a.missingLeft[i] !== 0 && a.missingLeft[i] !== 1) fail(`node ${i} missingLeft must be 0 or 1`);
    const co = a.catOffset[i];
    if (categorical[f]) {
      if (!isInt(co, 0, catBits.length - catWords[f])) fail(`node ${i} category bitset offset ${co} is out of range`);
    } else if (co !== -1) {
      fail(`node ${i} splits numeric feature ${f} but has a category bitset`);
    }
  }
  const isRoot = new Uint8Array(total);
  for (const r of roots) isRoot[r] = 1;
  for (let i = 0; i < total; i++) {
    if (parents[i] !== (isRoot[i] ? 0 : 1)) fail(`node ${i} is reached ${parents[i]} times; the tree structure is corrupted`);
  }
}
