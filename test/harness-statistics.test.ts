import { describe, expect, it } from 'vitest';
import { describeSamples } from '../harness/stats/describe-samples.js';
import { downsample } from '../harness/measure/downsample.js';
import { lowerBoundMs } from '../harness/bench/lower-bound.js';
import { validateVisits } from '../harness/bench/validate-run.js';
import { configStateOf, statsOf } from '../harness/bench/run-bench.js';
import { METRICS, type RunResult } from '../harness/results/results.js';

describe('describeSamples (tinybench statistics of harness samples)', () => {
  it('gives median, mean, sd, min, max and quantiles of known numbers, keeping run order', () => {
    const stats = describeSamples([30, 10, 20, 50, 40]);
    expect(stats.samples).toEqual([30, 10, 20, 50, 40]);
    expect(stats.n).toBe(5);
    expect(stats.median).toBe(30);
    expect(stats.mean).toBe(30);
    expect(stats.min).toBe(10);
    expect(stats.max).toBe(50);
    expect(stats.sd).toBeCloseTo(Math.sqrt(250), 10); // sample sd of 10..50 step 10
    expect(stats.p75).toBe(40);
    // margin of error: t(4) = 2.776 × sd / sqrt(5) / mean
    expect(stats.rme).toBeCloseTo(((2.7764451051977996 * Math.sqrt(250)) / Math.sqrt(5) / 30) * 100, 6);
  });

  it('reports no margin for a single sample instead of a meaningless one', () => {
    const stats = describeSamples([123]);
    expect(stats).toMatchObject({ n: 1, median: 123, mean: 123, min: 123, max: 123, rme: 0 });
  });

  it('handles byte-sized values (metrics are not only milliseconds)', () => {
    const stats = describeSamples([52_000_000, 50_000_000, 51_000_000]);
    expect(stats.median).toBe(51_000_000);
  });
});

describe('lowerBoundMs', () => {
  it('is the larger of BFS levels × latency and ceil(pages / W) × latency', () => {
    expect(lowerBoundMs(127, 3, 1, 50)).toBe(127 * 50);
    expect(lowerBoundMs(127, 3, 10, 50)).toBe(13 * 50);
    // 3 hops from the start page = 4 fetches one after another
    expect(lowerBoundMs(127, 3, 50, 50)).toBe(4 * 50);
    expect(lowerBoundMs(127, 3, 50, 0)).toBe(0);
  });
});

describe('downsample', () => {
  it('keeps at most the asked number of points and never drops the peak', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ t: i, v: i === 7_777 ? 1e9 : i % 100 }));
    const kept = downsample(points, 300, (p) => p.v);
    expect(kept.length).toBe(300);
    expect(Math.max(...kept.map((p) => p.v))).toBe(1e9);
    expect(kept.map((p) => p.t)).toEqual([...kept.map((p) => p.t)].sort((a, b) => a - b));
  });

  it('returns short timelines unchanged', () => {
    expect(downsample([1, 2, 3], 300, (v) => v)).toEqual([1, 2, 3]);
  });
});

describe('validateVisits', () => {
  const expected = [
    { url: 'http://h/a', status: 200 },
    { url: 'http://h/b', status: 404 },
  ];
  it('accepts exactly the expected set in any order', () => {
    expect(
      validateVisits(
        [
          { url: 'http://h/b', status: 404 },
          { url: 'http://h/a', status: 200 },
        ],
        expected,
      ),
    ).toEqual({ valid: true });
  });
  it('names missing, unexpected, wrong-status and duplicate URLs', () => {
    const result = validateVisits(
      [
        { url: 'http://h/a', status: 500 },
        { url: 'http://h/c', status: 200 },
        { url: 'http://h/c', status: 200 },
      ],
      expected,
    );
    expect(result.valid).toBe(false);
    expect(result.reason).toContain('1 missing: http://h/b');
    expect(result.reason).toContain('1 unexpected: http://h/c');
    expect(result.reason).toContain('wrong status: http://h/a (500, expected 200)');
    expect(result.reason).toContain('1 visited twice: http://h/c');
  });
});

describe('statsOf (per-configuration statistics)', () => {
  const run = (index: number, state: RunResult['state'], durationMs: number): RunResult => ({
    index,
    state,
    durationMs,
    durationSource: 'crawler',
    processWallMs: durationMs + 100,
    startupMs: 0,
    cpuMs: 10,
    cpuUserMs: 8,
    cpuSystemMs: 2,
    loadCpuMs: 5,
    cpuPerPageMs: 5 / 127,
    peakRssBytes: 50e6,
    peakPssBytes: null,
    rootMaxRssBytes: 50e6,
    maxPids: 1,
    pages: 127,
    pagesPerSec: 100,
    requests: 128,
    bytes: 1,
    errors: 0,
    restarts: 0,
    maxInFlight: 1,
    timeline: [],
  });
  it('uses ok runs only, and null for a metric nobody measured', () => {
    const stats = statsOf([run(1, 'ok', 100), run(2, 'invalid', 10_000), run(3, 'ok', 300)]);
    expect(stats.durationMs?.samples).toEqual([100, 300]);
    expect(stats.durationMs?.median).toBe(200);
    expect(stats.peakPssBytes).toBeNull();
  });

  it('has every metric key, null when no run is ok (results.json version 2 has no missing keys)', () => {
    const stats = statsOf([run(1, 'failed', 100)]);
    expect(Object.keys(stats).sort()).toEqual([...METRICS].sort());
    expect(Object.values(stats).every((value) => value === null)).toBe(true);
  });
});

describe('configStateOf (one state per configuration)', () => {
  const run = (index: number, state: RunResult['state']): RunResult => ({
    index,
    state,
    durationMs: 100,
    durationSource: 'crawler',
    processWallMs: 200,
    startupMs: 0,
    cpuMs: 10,
    cpuUserMs: 8,
    cpuSystemMs: 2,
    loadCpuMs: 5,
    cpuPerPageMs: 5 / 127,
    peakRssBytes: 50e6,
    peakPssBytes: null,
    rootMaxRssBytes: 50e6,
    maxPids: 1,
    pages: 127,
    pagesPerSec: 100,
    requests: 128,
    bytes: 1,
    errors: 0,
    restarts: 0,
    maxInFlight: 1,
    timeline: [],
  });
  it('is ok when every run is ok, partial when some are, failed when none is', () => {
    expect(configStateOf([run(1, 'ok'), run(2, 'ok')])).toBe('ok');
    expect(configStateOf([run(1, 'ok'), run(2, 'invalid')])).toBe('partial');
    expect(configStateOf([run(1, 'ok'), run(2, 'failed')])).toBe('partial');
    expect(configStateOf([run(1, 'invalid'), run(2, 'failed')])).toBe('failed');
  });
});
