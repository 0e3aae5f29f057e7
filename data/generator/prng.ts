/**
 * Seeded pseudo-random numbers for the synthetic bank.
 *
 * Every customer gets its own stream derived from (seed, stream name, index), so the rows of one
 * customer never depend on how many customers came before it or on the chunk size used to write them.
 */

/** 32-bit mix of a string key and integers (MurmurHash3 finaliser over an FNV-1a walk). */
export function hash32(key: string, ...values: number[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  for (const v of values) {
    // Split into two 32-bit halves so seeds and indexes above 2^32 still mix in fully.
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) >>> 0;
    h = fmix(h ^ lo);
    h = fmix(h ^ hi ^ 0x9e3779b9);
  }
  return fmix(h) >>> 0;
}

function fmix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A weighted table prepared once so that drawing from it is a binary search. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

export function weightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  if (entries.length === 0) throw new Error('weightedTable needs at least one entry');
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    if (!(w >= 0)) throw new Error(`weightedTable: weight ${w} must be a non-negative number`);
    total += w;
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error('weightedTable: weights must not all be zero');
  for (let i = 0; i < cumulative.length; i++) cumulative[i] /= total;
  return { items: entries.map(([item]) => item), cumulative };
}

/** sfc32: small, fast, and good enough statistically for synthetic data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for (seed, name, index). */
  static stream(seed: number, name: string, index = 0): Rng {
    return new Rng(hash32(name, seed, index));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal (Box–Muller; the second value is discarded to keep the stream simple). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(ln median, sigma)): a positive amount whose median is `median`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  weighted<T>(table: WeightedTable<T>): T {
    const u = this.float();
    const c = table.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < (c[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo] as T;
  }

  /** Hex digits, e.g. for deterministic UUID-like identifiers. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
export const round2 = (x: number): number => Math.round(x * 100) / 100;
