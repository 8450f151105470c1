/**
 * The physical limit of a crawl of the fixture: every page costs at least one latency, pages at
 * the same BFS depth can overlap only W at a time, and depth d cannot start before depth d - 1.
 * The bound max(depth × latency, ceil(pages / W) × latency) is a lower bound of that.
 */
export function lowerBoundMs(pages: number, bfsDepth: number, workers: number, latencyMs: number): number {
  return Math.max(bfsDepth, Math.ceil(pages / workers)) * latencyMs;
}
