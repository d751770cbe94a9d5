/**
 * @module Seeded randomness for the sandbox ad market: a small PRNG (mulberry32) seeded from a hash
 * of integers, and the distributions the market draws from (normal, log-normal, Poisson,
 * exponential).
 *
 * Every draw is keyed by what it is about — `(seed, stream, entity serial, hour)` — instead of
 * coming from one shared generator. Two runs of the market with the same seed then see the same
 * luck for the same ad in the same hour whatever else they did: strategies compared in a backtest
 * differ by their decisions, not by reshuffled noise, and the market state needs no PRNG state.
 */

/** A generator of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** Mixes integers into one 32-bit seed (murmur3's finalizer over each part). */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    // Parts beyond 32 bits (hour indexes stay below; serials too) would alias: keep the high bits.
    h ^= Math.floor(part / 0x1_0000_0000) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast, and good enough for simulation noise. */
export function seededUniform(...parts: number[]): Uniform {
  let a = hashInts(...parts);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(u: Uniform): number {
  const u1 = 1 - u(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
}

/** A log-normal draw given its median and the standard deviation of its logarithm. */
export function logNormal(u: Uniform, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(u));
}

export function exponential(u: Uniform, mean: number): number {
  return -mean * Math.log(1 - u());
}

/** A Poisson draw: exact inversion for small means, the normal approximation for large ones. */
export function poisson(u: Uniform, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(u)));
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const target = u();
  while (target > cumulative && k < 1_000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}
