/**
 * A small seeded generator (mulberry32) for the segmentation and anomaly models: the same seed always
 * gives the same model, on any machine.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function seededRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  // Fold the seed (which may exceed 32 bits) into a 32-bit state.
  let state = (Math.floor(seed) ^ Math.floor(seed / 4294967296) ^ 0x6d2b79f5) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/**
 * `size` distinct indexes from [0, n) (all of them, shuffled, when size >= n), by a partial Fisher–Yates
 * shuffle over a typed array.
 */
export function sampleIndexes(n: number, size: number, random: Random): Int32Array {
  const m = Math.min(n, size);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + random.int(n - i);
    const t = all[i] as number;
    all[i] = all[j] as number;
    all[j] = t;
  }
  return all.slice(0, m);
}
