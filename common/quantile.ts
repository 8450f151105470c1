/**
 * Order statistics shared by the comparison and the bootstrap.
 *
 * `quantile` uses linear interpolation between closest ranks (Hyndman & Fan 1996, type 7), the
 * default of R's `quantile()` and numpy's `percentile()`, so figures can be checked with either.
 */

/** The q-quantile (0 ≤ q ≤ 1) of values already sorted ascending; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  const position = (count - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, count - 1);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low + (high - low) * (position - below);
}

/** The median of values in any order; NaN when empty. */
export function median(values: readonly number[]): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
