/**
 * Multinomial logistic regression over sparse binary features, trained by seeded stochastic
 * gradient descent with L2 regularisation. Deterministic: the same data and options always give
 * the same weights. Fit is kept apart from predict: `fitSoftmax` returns a model; the model only
 * predicts.
 */

export interface SoftmaxOptions {
  /** Passes over the data. */
  readonly epochs: number;
  /** Initial learning rate; decays as lr / (1 + decay * epoch). */
  readonly learningRate: number;
  readonly decay: number;
  /** L2 penalty per update. */
  readonly l2: number;
  /** Seed for the shuffling order. */
  readonly seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 15, learningRate: 2, decay: 0.1, l2: 1e-5, seed: 7 };

export interface SoftmaxModel<L extends string> {
  readonly labels: readonly L[];
  /** Class probabilities, in the order of `labels`. */
  predictProba(features: readonly string[]): number[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
}

export function fitSoftmax<L extends string>(
  examples: readonly { readonly features: readonly string[]; readonly label: L }[],
  labels: readonly L[],
  options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS,
): SoftmaxModel<L> {
  if (examples.length === 0) throw new Error('fitSoftmax: no training examples');
  if (new Set(labels).size !== labels.length) throw new Error('fitSoftmax: duplicate labels');
  const classOf = new Map(labels.map((l, i) => [l, i]));
  const vocab = new Map<string, number>();
  const rows = examples.map((ex) => {
    const c = classOf.get(ex.label);
    if (c === undefined) throw new Error(`fitSoftmax: unknown label ${ex.label}`);
    const idx = [...new Set(ex.features)].map((f) => {
      let i = vocab.get(f);
      if (i === undefined) vocab.set(f, (i = vocab.size));
      return i;
    });
    return { idx: Int32Array.from(idx), c, scale: 1 / Math.sqrt(idx.length) };
  });
  const C = labels.length;
  const w = new Float64Array(vocab.size * C);
  const z = new Float64Array(C);
  const rand = mulberry32(options.seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher-Yates with the seeded generator: a fixed, reproducible order per epoch.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    const lr = options.learningRate / (1 + options.decay * epoch);
    const shrink = 1 - lr * options.l2;
    for (const r of order) {
      const { idx, c, scale } = rows[r]!;
      z.fill(0);
      for (let a = 0; a < idx.length; a++) {
        const base = idx[a]! * C;
        for (let k = 0; k < C; k++) z[k]! += w[base + k]! * scale;
      }
      softmaxInPlace(z);
      // Turn probabilities into the gradient of the log-loss w.r.t. the scores, times lr.
      for (let k = 0; k < C; k++) z[k] = lr * scale * (z[k]! - (k === c ? 1 : 0));
      for (let a = 0; a < idx.length; a++) {
        const base = idx[a]! * C;
        for (let k = 0; k < C; k++) w[base + k] = w[base + k]! * shrink - z[k]!;
      }
    }
  }
  return {
    labels: [...labels],
    predictProba(features: readonly string[]): number[] {
      const known = [...new Set(features)].map((f) => vocab.get(f)).filter((i): i is number => i !== undefined);
      const out = new Float64Array(C);
      const scale = 1 / Math.sqrt(Math.max(1, new Set(features).size));
      for (const f of known) for (let k = 0; k < C; k++) out[k]! += w[f * C + k]! * scale;
      softmaxInPlace(out);
      return [...out];
    },
  };
}
