import { describe, expect, it } from 'vitest';
import { buildReportModel, medianRun } from '../harness/export/report-model.js';
import type { RunResult } from '../harness/results/results.js';
import { makeSampleHistory, makeSampleResults } from './helpers.js';

const MIB = 1024 * 1024;

describe('report model', () => {
  const results = makeSampleResults();
  const model = buildReportModel(results);

  it('gives each implementation one colour-blind-safe colour, the same in every series', () => {
    expect(model.impls).toEqual([
      { impl: 'promise-pool', colour: '#0072B2' },
      { impl: 'worker-threads', colour: '#E69F00' },
      { impl: 'child-processes', colour: '#009E73' },
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
    const run = (index: number, durationMs: number): RunResult => ({ ...makeSampleResults().configs[0]?.runs[0], index, durationMs } as RunResult);
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
    expect(buildReportModel(results, [history[0], ...other].filter((e) => e !== undefined)).trend).toBeNull();
  });
});
