import { describe, expect, it } from 'vitest';
import { buildReportModel, medianRun } from '../harness/export/report-model.js';
import type { BenchResults, RunResult } from '../harness/results/results.js';
import { statsByMetric } from './helpers/expected-stats.js';
import { makeSampleHistory, makeSampleResults, withNativeRace } from './helpers/sample-results.js';

const MIB = 1024 * 1024;

describe('report model', () => {
  const results = makeSampleResults();
  const model = buildReportModel(results);

  it('gives each implementation one colour-blind-safe colour, the same in every series', () => {
    expect(model.impls).toEqual([
      { impl: 'promise-pool', colour: '#0072B2', origin: 'js' },
      { impl: 'worker-threads', colour: '#E69F00', origin: 'js' },
      { impl: 'child-processes', colour: '#009E73', origin: 'js' },
    ]);
    for (const series of [model.wallMs, model.peakRssMib, model.cpuUserMs, model.pagesPerSec]) {
      expect(series.map((s) => s.colour)).toEqual(['#0072B2', '#E69F00', '#009E73']);
    }
  });

  it('puts medians and min–max whiskers per worker count, and marks failed configurations', () => {
    expect(model.workers).toEqual([1, 10, 50]);
    const pool = results.configs.find((c) => c.impl === 'promise-pool' && c.workers === 10);
    const wall = model.wallMs[0];
    expect(wall?.values[1]).toBe(pool?.stats.durationMs?.median);
    expect(wall?.min[1]).toBe(pool?.stats.durationMs?.min);
    expect(wall?.max[1]).toBe(pool?.stats.durationMs?.max);
    expect(model.peakRssMib[0]?.values[1]).toBeCloseTo((pool?.stats.peakRssBytes?.median ?? 0) / MIB, 6);
    expect(model.wallMs[2]?.values[2]).toBeNull();
    expect(model.wallMs[2]?.failed).toEqual([false, false, true]);
    expect(model.lowerBoundMs).toEqual([10_000, 1_000, 200]);
    expect(model.boundPagesPerSec).toEqual([50, 500, 2500]);
  });

  it('draws the timeline of the median valid run, none where no run is valid', () => {
    const at50 = model.timelines.find((t) => t.workers === 50);
    expect(at50?.series.map((s) => s.impl)).toEqual(['promise-pool', 'worker-threads']);
    const config = results.configs.find((c) => c.impl === 'worker-threads' && c.workers === 10);
    const ok = config?.runs.filter((run) => run.state === 'ok') ?? [];
    const durations = ok.map((run) => run.durationMs ?? 0).sort((a, b) => a - b);
    const shown = model.timelines.find((t) => t.workers === 10)?.series.find((s) => s.impl === 'worker-threads');
    const run = ok.find((r) => r.index === shown?.runIndex);
    expect(run?.durationMs).toBe(durations[1]);
    expect(shown?.runIndex).not.toBe(3);
  });

  it('picks the lower middle run for an even count', () => {
    const run = (index: number, durationMs: number): RunResult => ({ ...makeSampleResults().configs[0]?.runs[0], index, durationMs }) as RunResult;
    expect(medianRun([run(1, 40), run(2, 10), run(3, 30), run(4, 20)])?.index).toBe(4);
    expect(medianRun([])).toBeUndefined();
  });

  it('leaves PSS out when no run measured it', () => {
    const noPss = {
      ...results,
      configs: results.configs.map((c) => ({ ...c, stats: { ...c.stats, peakPssBytes: null } })),
    };
    expect(buildReportModel(noPss).peakPssMib).toBeNull();
  });

  it('draws a trend only from two history entries up', () => {
    expect(buildReportModel(results, makeSampleHistory(1)).trend).toBeNull();
    const trend = buildReportModel(results, makeSampleHistory(4)).trend;
    expect(trend?.labels).toHaveLength(4);
    expect(trend?.series.map((s) => `${s.impl}@${s.workers}`)).toEqual(results.configs.map((c) => `${c.impl}@${c.workers}`));
    expect(trend?.series.every((s) => s.wallMs.length === 4)).toBe(true);
  });

  it('leaves out history measured on another fixture profile or latency', () => {
    const history = makeSampleHistory(3);
    const other = history.map((entry) => ({ ...entry, config: { ...entry.config, profile: 'seed' as const, latencyMs: 50 } }));
    const trend = buildReportModel(results, [...history, ...other]).trend;
    expect(trend?.labels).toHaveLength(3);
    expect(
      buildReportModel(
        results,
        [history[0], ...other].filter((e) => e !== undefined),
      ).trend,
    ).toBeNull();
  });
});

describe('report model from one run per configuration', () => {
  it('puts no margin of error in any cell of the full table: one sample has none, not "± 0.0 %"', () => {
    const results = makeSampleResults();
    const oneRun: BenchResults = {
      ...results,
      configs: results.configs.map((config) => ({
        ...config,
        runs: config.runs.slice(0, 1),
        stats: statsByMetric((metric) => {
          const stats = config.stats[metric];
          return stats === null ? undefined : [stats.median];
        }),
      })),
    };
    const cells = buildReportModel(oneRun).table.rows.flatMap((row) => row.cells);
    expect(cells.some((cell) => cell.endsWith(' ms'))).toBe(true);
    expect(cells.filter((cell) => cell.includes('±'))).toEqual([]);
  });
});

describe('report model of the native race', () => {
  const results = withNativeRace();
  const model = buildReportModel(results);
  const panel = (workers: number) => model.startup.find((p) => p.workers === workers);
  const bar = (workers: number, impl: string) => panel(workers)?.bars.find((b) => b.impl === impl);

  it('stacks the median crawl time and the median process start-up and exit, Node models and native crawlers side by side', () => {
    expect(model.startup.map((p) => p.workers)).toEqual([1, 10, 50]);
    // The native crawlers run at 10 and 50 workers only; a skipped one (rust) gets no bar anywhere.
    expect(panel(1)?.bars.map((b) => b.impl)).toEqual(['promise-pool', 'worker-threads', 'child-processes']);
    expect(panel(10)?.bars.map((b) => b.impl)).toEqual(['promise-pool', 'worker-threads', 'child-processes', 'go', 'elixir', 'my-crawler']);
    expect(bar(10, 'go')).toMatchObject({ origin: 'native', crawlMs: 2500, startupExitMs: 50, processWallMs: 2550, runs: 3, processTimedRuns: 0, failed: false });
    // A Node model: its medians over its valid runs, computed here from the raw runs.
    const pool = results.configs.find((c) => c.impl === 'promise-pool' && c.workers === 10);
    const ok = pool?.runs.filter((r) => r.state === 'ok') ?? [];
    const middle = (values: number[]): number | undefined => [...values].sort((a, b) => a - b)[(values.length - 1) / 2];
    expect(bar(10, 'promise-pool')).toMatchObject({
      origin: 'js',
      crawlMs: middle(ok.map((r) => r.durationMs ?? 0)),
      startupExitMs: middle(ok.map((r) => r.processWallMs - (r.durationMs ?? 0))),
      runs: 5,
      processTimedRuns: 0,
    });
    expect(bar(10, 'promise-pool')?.startupExitMs).toBeGreaterThan(0);
  });

  it("marks a user crawler timed by its process's wall: its start-up cannot be shown apart", () => {
    expect(bar(50, 'my-crawler')).toMatchObject({ origin: 'user', crawlMs: 3100, startupExitMs: 0, processTimedRuns: 3, runs: 3 });
    expect(model.processTimedNote).toBe("\u2020 my-crawler: crawl time is the process's wall time (spawn to exit, start-up included), as the crawler reports no timer of its own.");
    const row = model.table.rows.find((r) => r.impl === 'my-crawler' && r.workers === 10);
    expect(row?.cells[3]).toMatch(/^3,100 ms \u2020 ± /);
    expect(model.table.rows.find((r) => r.impl === 'go' && r.workers === 10)?.cells[3]).not.toContain('\u2020');
    expect(model.originNote).toContain('native ports: go, elixir; user crawlers: my-crawler');
  });

  it('names each skipped crawler once, with its reason, and draws nothing for it', () => {
    expect(model.skipped).toEqual(['Skipped: rust (cargo not found; install Rust with rustup (https://rustup.rs) to add it)']);
    expect(model.impls.map((i) => i.impl)).toEqual(['promise-pool', 'worker-threads', 'child-processes', 'go', 'elixir', 'my-crawler']);
    for (const series of [model.wallMs, model.peakRssMib, model.cpuUserMs, model.pagesPerSec]) expect(series.map((s) => s.impl)).not.toContain('rust');
    expect(model.timelines.flatMap((t) => t.series.map((s) => s.impl))).not.toContain('rust');
    // Not a problem: the banner lists failures only; the table row says why.
    expect(model.banner?.items.some((item) => item.includes('rust'))).toBe(false);
    expect(model.table.rows.filter((r) => r.impl === 'rust').map((r) => r.cells.at(-1))).toEqual([
      'skipped: cargo not found; install Rust with rustup (https://rustup.rs) to add it',
      'skipped: cargo not found; install Rust with rustup (https://rustup.rs) to add it',
    ]);
  });

  it('shows the reason of a configuration that failed with no runs (a failed build) and marks it failed', () => {
    expect(bar(10, 'elixir')).toMatchObject({ failed: true, crawlMs: null, startupExitMs: null, runs: 0 });
    expect(model.wallMs.find((s) => s.impl === 'elixir')?.failed).toEqual([false, true, true]);
    expect(model.wallMs.find((s) => s.impl === 'go')?.failed).toEqual([false, false, false]);
    expect(model.banner?.items).toContain('elixir@10 failed: mix build failed: exit code 1: could not compile dependency :mochiweb');
    expect(model.table.rows.find((r) => r.impl === 'elixir' && r.workers === 50)?.cells.at(-1)).toBe('FAILED: mix build failed: exit code 1: could not compile dependency :mochiweb');
  });

  it("lists the native toolchains beside Node's, and the command crawlers' worker counts", () => {
    const labels = model.environment.map((item) => item.label);
    expect(labels.indexOf('Native toolchains')).toBe(labels.indexOf('Node.js') + 1);
    expect(model.environment.find((item) => item.label === 'Native toolchains')?.value).toBe('elixir 1.18.3, go 1.26.8');
    expect(model.config.find((item) => item.label === 'Workers')?.value).toBe('1, 10, 50 (Node models); 10, 50 (native and user crawlers)');
    expect(buildReportModel(makeSampleResults()).environment.map((item) => item.label)).not.toContain('Native toolchains');
  });

  it('keeps an only-skipped bench drawable: no panel, no bar, the skipped lines alone', () => {
    const race = withNativeRace();
    const bare = buildReportModel({ ...race, config: { ...race.config, impls: ['rust'], workers: [] }, configs: race.configs.filter((c) => c.impl === 'rust') });
    expect(bare.impls).toEqual([]);
    expect(bare.startup).toEqual([]);
    expect(bare.workers).toEqual([]);
    expect(bare.skipped).toHaveLength(1);
  });
});
