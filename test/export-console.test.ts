import { describe, expect, it } from 'vitest';
import { consoleWriter } from '../harness/export/console.js';
import type { BenchResults, ConfigResult } from '../harness/results/results.js';
import { statsByMetric, statsOf } from './helpers/expected-stats.js';
import { makeSampleResults } from './helpers/sample-results.js';

function withKnownWallTimes(): BenchResults {
  const results = makeSampleResults();
  return {
    ...results,
    configs: results.configs.map((config) =>
      config.impl === 'worker-threads' && config.workers === 50 ? { ...config, ratioToLowerBound: 1.5, stats: { ...config.stats, durationMs: statsOf([290, 300, 310, 320]) } } : config,
    ),
  };
}

/** Cuts each table line into cells at the spans the dashed separator line marks. */
function parseTable(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  const separator = lines.findIndex((line) => /^-+( +-+)+$/.test(line));
  const spans = [...(lines[separator] ?? '').matchAll(/-+/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
  const cut = (line: string): string[] => spans.map(([start, end]) => line.slice(start, end).trim());
  const body: string[] = [];
  for (const line of lines.slice(separator + 1)) {
    if (line === '') break;
    body.push(line);
  }
  return { header: cut(lines[separator - 1] ?? ''), rows: body.map(cut) };
}

describe('console summary', () => {
  it('prints one aligned row per configuration under the column titles', () => {
    const text = consoleWriter.render(withKnownWallTimes());
    const { header, rows } = parseTable(text);
    expect(header).toEqual([
      'Implementation',
      'Workers',
      'Runtime',
      'Wall time (median)',
      'vs bound',
      'vs schedule',
      'Start-up',
      'CPU (user+sys)',
      'CPU/page',
      'Peak RSS',
      'Peak PSS',
      'Pages/s',
      'Valid runs',
      'State',
    ]);
    expect(rows).toHaveLength(9);
    expect(rows.map((cells) => `${cells[0]}@${cells[1]}`)).toEqual([
      'promise-pool@1',
      'promise-pool@10',
      'promise-pool@50',
      'worker-threads@1',
      'worker-threads@10',
      'worker-threads@50',
      'child-processes@1',
      'child-processes@10',
      'child-processes@50',
    ]);
    const row = rows.find((cells) => cells[0] === 'worker-threads' && cells[1] === '50');
    // median of 290..320 is 305; sd 12.91, t(3) = 3.182 → ± 20.5 ms = 6.7 % of the mean.
    expect(row?.slice(3, 5)).toEqual(['305 ms ± 6.7 %', '1.50×']);
  });

  it('right-aligns numbers so digits line up', () => {
    const text = consoleWriter.render(makeSampleResults());
    const lines = text.split('\n');
    const separator = lines.findIndex((line) => /^-+( +-+)+$/.test(line));
    const spans = [...(lines[separator] ?? '').matchAll(/-+/g)].map((m) => (m.index ?? 0) + m[0].length);
    const rows = lines.slice(separator + 1, separator + 10);
    // Columns 2-10 (Workers … Valid runs) hold numbers: each cell's last character sits at its column's end.
    for (const end of spans.slice(1, 10)) {
      for (const row of rows) expect(row[end - 1], `column ending at ${end} in "${row}"`).not.toBe(' ');
    }
  });

  it('flags excluded runs above and below the table', () => {
    const text = consoleWriter.render(makeSampleResults());
    const lines = text.split('\n');
    expect(lines[1]).toBe('!! 1 invalid run, 1 failed configuration (child-processes@50): excluded from every statistic below.');
    expect(lines.filter((line) => line.startsWith('!! worker-threads@10 run 3 invalid: visited 499 of 500 pages'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('!! child-processes@50 failed:'))).toHaveLength(1);
    const failed = parseTable(text).rows.find((cells) => cells[0] === 'child-processes' && cells[1] === '50');
    expect(failed?.slice(-2)).toEqual(['0/5', 'FAILED']);
  });

  it('prints no warning when every run is valid', () => {
    const results = makeSampleResults();
    const clean = { ...results, configs: results.configs.filter((c) => c.runs.every((run) => run.state === 'ok')) };
    const text = consoleWriter.render(clean);
    expect(text).not.toContain('!!');
    expect(parseTable(text).rows).toHaveLength(7);
  });

  it('never passes terminal control sequences from a results file through', () => {
    const results = makeSampleResults();
    const template = results.configs[0];
    if (template === undefined) throw new Error('the sample has no configuration');
    const hostile = { ...results, configs: [...results.configs, { ...template, impl: 'evil\u001b[2J\u001b]0;owned\u0007' }] };
    const text = consoleWriter.render(hostile);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(text).toContain('evil?[2J?]0;owned?');
  });
});

describe('console summary of a bench with a skipped and a process-timed crawler', () => {
  const results = makeSampleResults();
  const skipped = (workers: number): ConfigResult => ({
    impl: 'rust',
    workers,
    runtime: null,
    runtimeInfo: null,
    origin: 'native',
    state: 'skipped',
    reason: 'cargo not found; install Rust with rustup (https://rustup.rs) to add it',
    lowerBoundMs: 0,
    ratioToLowerBound: null,
    runs: [],
    stats: statsByMetric(() => undefined),
  });
  // promise-pool@10 as a user command that reports no timer: every run timed spawn to exit.
  const withRace: BenchResults = {
    ...results,
    config: { ...results.config, impls: [...results.config.impls, 'rust'] },
    configs: [
      ...results.configs.map((config) =>
        config.impl === 'promise-pool' && config.workers === 10 ? { ...config, origin: 'user' as const, runs: config.runs.map((run) => ({ ...run, durationSource: 'process' as const })) } : config,
      ),
      skipped(10),
      skipped(50),
    ],
  };
  const text = consoleWriter.render(withRace);

  it('prints one skipped line per crawler, its rows saying why, and no warning for it', () => {
    expect(text.split('\n').filter((line) => line.startsWith('Skipped:'))).toEqual(['Skipped: rust (cargo not found; install Rust with rustup (https://rustup.rs) to add it)']);
    const rows = parseTable(text).rows.filter((cells) => cells[0] === 'rust');
    expect(rows.map((cells) => cells.slice(2, 4))).toEqual([
      ['—', '—'],
      ['—', '—'],
    ]);
    expect(rows.map((cells) => cells.at(-2))).toEqual(['0/0', '0/0']);
    expect(text).not.toContain('rust@');
  });

  it("marks a crawl time that is the process's wall and explains the mark", () => {
    expect(parseTable(text).rows.find((cells) => cells[0] === 'promise-pool' && cells[1] === '10')?.[3]).toMatch(/^[\d,]+ ms † ± [\d.]+ %$/);
    expect(text).toContain("† promise-pool: crawl time is the process's wall time (spawn to exit, start-up included), as the crawler reports no timer of its own.");
  });
});
