import { rng } from './rng';

/**
 * Rows for fitting small forests: an amount with missing values, a region code (fit as categorical or
 * numeric), a noise column and a score with missing values; the label depends on all but the noise.
 */
export function forestData(n: number, seed: number): { X: number[][]; y: number[] } {
  const r = rng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const amount = r() < 0.15 ? Number.NaN : r() * 100;
    const region = Math.floor(r() * 6);
    const score = r() < 0.1 ? Number.NaN : r() * 10;
    const row = [amount, region, r(), score];
    const p = (Number.isNaN(amount) ? 0.6 : amount / 120) * (region % 2 === 0 ? 1.2 : 0.5) * (score > 5 ? 1.3 : 0.8);
    X.push(row);
    y.push(r() < p ? 1 : 0);
  }
  return { X, y };
}
