/**
 * The physical limit of a crawl of the fixture: every page costs at least one latency, the pages
 * can overlap only W at a time, and a page cannot be fetched before the page linking to it.
 *
 * Written with the BFS depth it would be max(depth × latency, ceil(pages / W) × latency). The fixture's
 * `bfsDepth` counts hops from the start page (3 for the 127-page site), while the chain of fetches
 * is one longer: the start page itself is fetched first. So the depth term is (hops + 1), the
 * number of BFS levels; with hops it would sit 1 latency below what even a perfect crawler does.
 */
export function lowerBoundMs(pages: number, bfsDepthHops: number, workers: number, latencyMs: number): number {
  return Math.max(bfsDepthHops + 1, Math.ceil(pages / workers)) * latencyMs;
}
