/**
 * The schedule bound is the crawl time of a zero-CPU crawler with W slots over the link graph:
 * it waits for a page before its links can start, fills every free slot at once, pays the connect
 * latency once per slot with keep-alive (every request without), and is never below the level and
 * page-count bound.
 */
import { describe, expect, it } from 'vitest';
import { groundTruth } from '../fixtures/ground-truth.js';
import { lowerBoundMs } from '../harness/bench/lower-bound.js';
import { scheduleBoundMs } from '../harness/bench/schedule-bound.js';

/** A graph given as path → links; pages in the order listed, `/` first. */
function graph(links: Record<string, string[]>): Parameters<typeof scheduleBoundMs>[0] {
  return { pages: Object.keys(links).map((path) => ({ path, status: 200 })), linksOf: (path) => links[path] ?? [] };
}

const fast = { latencyMs: 10, connectLatencyMs: 0, keepAlive: true };

describe('the schedule bound', () => {
  it('is one latency per page with one slot', () => {
    expect(scheduleBoundMs(graph({ '/': ['/a', '/b'], '/a': ['/c'], '/b': [], '/c': [] }), { ...fast, workers: 1 })).toBe(40);
  });

  it('waits for the page that links to the rest, where the level bound does not', () => {
    // / → a, b; b → c, d, e. Two slots: a+b, then c+d, then e: 4 latencies, where
    // max(3 levels, ⌈6 / 2⌉) gives 3.
    const site = graph({ '/': ['/a', '/b'], '/a': [], '/b': ['/c', '/d', '/e'], '/c': [], '/d': [], '/e': [] });
    expect(scheduleBoundMs(site, { ...fast, workers: 2 })).toBe(40);
    expect(lowerBoundMs(6, 2, 2, 10)).toBe(30);
  });

  it('follows each link once, loops and self-links included', () => {
    expect(scheduleBoundMs(graph({ '/': ['/', '/a'], '/a': ['/', '/a'] }), { ...fast, workers: 5 })).toBe(20);
  });

  it('pays the connect latency once per slot with keep-alive, on every request without', () => {
    const chain = graph({ '/': ['/a'], '/a': ['/b'], '/b': [] });
    expect(scheduleBoundMs(chain, { workers: 1, latencyMs: 10, connectLatencyMs: 5, keepAlive: true })).toBe(35);
    expect(scheduleBoundMs(chain, { workers: 1, latencyMs: 10, connectLatencyMs: 5, keepAlive: false })).toBe(45);
  });

  it('is 0 at latency 0: nothing bounds a crawl but its CPU', () => {
    expect(scheduleBoundMs(graph({ '/': ['/a'], '/a': [] }), { workers: 1, latencyMs: 0, connectLatencyMs: 0, keepAlive: true })).toBe(0);
  });

  it.each([1, 10, 50])('on the 127-page fixture at %i workers lies between the level bound and one page at a time', (workers) => {
    const truth = groundTruth({ pages: 127 });
    const bound = scheduleBoundMs(truth, { workers, latencyMs: 50, connectLatencyMs: 0, keepAlive: true });
    expect(bound).toBeGreaterThanOrEqual(lowerBoundMs(127, truth.bfsDepth, workers, 50));
    expect(bound).toBeLessThanOrEqual(127 * 50);
    expect(bound % 50).toBe(0);
  });
});
