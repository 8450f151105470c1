/**
 * Deterministic pseudo-randomness for the generator: every choice on a page is drawn from a
 * stream seeded by (site seed, page), so a page can be regenerated on demand, identically, by the
 * server and by the ground truth, without storing anything per page.
 */

/** A stream of uniform draws; `next()` is in [0, 1), `int(n)` in [0, n). */
export interface SeededRandom {
  next(): number;
  int(n: number): number;
}

/** Returns uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Mulberry32 (Tommy Ettinger's 32-bit generator, public domain) over a raw 32-bit state: tiny,
 * good enough spread for picking links and for bootstrap resampling (a few tens of thousands of
 * draws), and fast enough to seed one stream per page. Not for cryptography. Seeded directly, so a
 * comparison prints the same confidence interval every time it runs on the same files.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A stream seeded by (site seed, page, ...): the keys are hashed into one 32-bit state first. */
export function seededRandom(...keys: Array<number | string>): SeededRandom {
  const next = mulberry32(mixKeys(keys));
  return { next, int: (n) => Math.floor(next() * n) };
}

/** Folds numbers and strings into one 32-bit seed (FNV-1a over the keys, then a murmur3 finalizer). */
function mixKeys(keys: Array<number | string>): number {
  let hash = 0x811c9dc5;
  const feed = (byte: number): void => {
    hash = Math.imul(hash ^ byte, 0x01000193);
  };
  for (const key of keys) {
    if (typeof key === 'number') {
      // Split so seeds above 2^32 (and negative ones) still change the stream.
      const low = key | 0;
      const high = Math.floor(key / 4_294_967_296) | 0;
      for (const word of [low, high]) for (let shift = 0; shift < 32; shift += 8) feed((word >>> shift) & 0xff);
    } else {
      for (let i = 0; i < key.length; i++) feed(key.charCodeAt(i) & 0xff);
    }
    feed(0x1f);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}
