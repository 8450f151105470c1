/**
 * Midranks of tied values, shared by the rank tests (mann-whitney.ts, wilcoxon-signed-rank.ts).
 * Ranks are doubled so that a midrank (the mean of the ranks a tie group spans) stays an integer,
 * which lets the exact tests count rank sums in integer-indexed tables.
 */

/** Twice the midrank of each value, in input order, and the sizes of the tie groups. */
export function doubledMidranks(values: readonly number[]): { doubledRanks: number[]; tieSizes: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const doubledRanks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    // Positions start..end hold ranks start+1..end+1; twice their mean is start + end + 2.
    for (let i = start; i <= end; i++) {
      const entry = order[i];
      if (entry) doubledRanks[entry.index] = start + end + 2;
    }
    tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { doubledRanks, tieSizes };
}
