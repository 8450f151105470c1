/**
 * A small seeded pseudo-random generator, so a comparison prints the same confidence interval
 * every time it is run on the same files (a CI log that changes on re-run is not trusted).
 */

/** Returns uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, passes gjrand/PractRand for the sizes
 * used here (a few tens of thousands of draws), and is four lines long. Not for cryptography.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
