/**
 * The schedule bound: the crawl time of a crawler that spends no CPU at all, with W slots, over
 * the fixture's true link graph at the fixture's latency. Unlike lower-bound.ts's
 * max(levels, ⌈pages / W⌉) × latency, which no crawler can reach (a page's links are known only
 * once it has arrived, so the last level waits on the slowest parent of each of its pages), this
 * one is the time a perfect crawler does take.
 *
 * The simulated crawler starts at `/`, keeps a FIFO frontier in link (document) order, as every
 * crawler here does, deduplicates, and starts the next URL the instant a slot frees up. Each
 * request costs the fixture's latency, plus its connect latency on a slot's first request (every
 * request with keep-alive off), exactly as fixtures/fixture-handler.ts delays it. A redirect is a
 * page whose one link is its target, as in the ground truth.
 *
 * It ignores: CPU (parsing, the event loop's turns), the kernel's and HTTP's own round trips,
 * jitter, the 503-once page's retry (the fixture answers 503 only to the first request it ever
 * gets for it, so only the first run of a bench meets it) and with it any backoff, and a fault
 * page that never answers (with `--faults` such a page costs its timeout, not counted here).
 */
import type { GroundTruth } from '../../fixtures/ground-truth.js';

export interface ScheduleOptions {
  workers: number;
  latencyMs: number;
  connectLatencyMs: number;
  keepAlive: boolean;
}

export function scheduleBoundMs(truth: Pick<GroundTruth, 'pages' | 'linksOf'>, options: ScheduleOptions): number {
  const start = truth.pages[0]?.path;
  if (start === undefined || options.latencyMs + options.connectLatencyMs === 0) return 0;
  const seen = new Set<string>([start]);
  const frontier: string[] = [start];
  let next = 0;
  // Slots by the time they free up; a min-heap keyed by finish time (ties: first started first).
  const running = new MinHeap<{ finishMs: number; path: string; slot: number }>((a, b) => a.finishMs - b.finishMs || a.slot - b.slot);
  const warm = new Uint8Array(options.workers);
  const idle: number[] = Array.from({ length: options.workers }, (_, i) => options.workers - 1 - i);
  let nowMs = 0;
  for (;;) {
    while (idle.length > 0 && next < frontier.length) {
      const slot = idle.pop() ?? 0;
      const connect = !options.keepAlive || warm[slot] === 0 ? options.connectLatencyMs : 0;
      warm[slot] = 1;
      running.push({ finishMs: nowMs + options.latencyMs + connect, path: frontier[next++] ?? '', slot });
    }
    const done = running.pop();
    if (done === undefined) return nowMs;
    nowMs = done.finishMs;
    idle.push(done.slot);
    for (const link of truth.linksOf(done.path)) {
      if (seen.has(link)) continue;
      seen.add(link);
      frontier.push(link);
    }
  }
}

/** A binary min-heap: the simulation pops the earliest finish among up to W running requests. */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.before(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && this.before(items[left] as T, items[smallest] as T) < 0) smallest = left;
      if (right < items.length && this.before(items[right] as T, items[smallest] as T) < 0) smallest = right;
      if (smallest === i) break;
      [items[i], items[smallest]] = [items[smallest] as T, items[i] as T];
      i = smallest;
    }
    return top;
  }
}
