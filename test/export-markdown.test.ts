import { describe, expect, it } from 'vitest';
import { markdownWriter } from '../harness/export/markdown.js';
import type { BenchResults } from '../harness/results/results.js';
import { statsByMetric, statsOf } from './helpers/expected-stats.js';
import { HOSTILE_MARKUP, makeSampleResults, withNativeRace } from './helpers/sample-results.js';

/** The sample with promise-pool@10's wall times pinned to 1000/1100/1200 ms (median 1100, bound 1000). */
function withKnownWallTimes(): BenchResults {
  const results = makeSampleResults();
  return {
    ...results,
    configs: results.configs.map((config) =>
      config.impl === 'promise-pool' && config.workers === 10 ? { ...config, ratioToLowerBound: 1.1, stats: { ...config.stats, durationMs: statsOf([1000, 1100, 1200]) } } : config,
    ),
  };
}

function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Implementation') && !line.startsWith('| :---'))
    .map((line) => line.slice(2, -2).split(' | '));
}

describe('summary.md', () => {
  it('has one table row per configuration, with the median wall time, its margin and the ratio to the bound', () => {
    const markdown = markdownWriter.render(withKnownWallTimes());
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(9);
    const row = rows.find((cells) => cells[0] === 'promise-pool' && cells[1] === '10');
    // mean 1100, sd 100, n 3: t(2) = 4.303 → margin 248.4 ms = 22.6 % of the mean.
    expect(row?.slice(0, 5)).toEqual(['promise-pool', '10', 'node 20.20.2', '1,100 ms ± 22.6 %', '1.10×']);
    expect(row?.at(-2)).toBe('5/5');
    expect(row?.at(-1)).toBe('ok');
  });

  it('right-aligns numeric columns', () => {
    const markdown = markdownWriter.render(makeSampleResults());
    expect(markdown).toContain('| :--- | ---: | ---: |');
  });

  it('shows a warning banner and lists each excluded run with its reason', () => {
    const markdown = markdownWriter.render(makeSampleResults());
    expect(markdown).toContain('> [!WARNING]');
    expect(markdown).toContain('1 invalid run, 1 failed configuration (child-processes@50)');
    expect(markdown).toMatch(/^- worker-threads@10 run 3 invalid: visited 499 of 500 pages/m);
    expect(markdown).toMatch(/^- child-processes@50 failed: 5 of 5 runs not ok \(timed out after 60,000 ms/m);
    const failed = tableRows(markdown).find((cells) => cells[0] === 'child-processes' && cells[1] === '50');
    expect(failed?.slice(3, 5)).toEqual(['—', '—']);
    expect(failed?.at(-1)).toBe('FAILED');
    const partial = tableRows(markdown).find((cells) => cells[0] === 'worker-threads' && cells[1] === '10');
    expect(partial?.at(-2)).toBe('4/5');
  });

  it('has no banner when every run is valid', () => {
    const results = makeSampleResults();
    const clean = { ...results, configs: results.configs.filter((c) => c.runs.every((run) => run.state === 'ok')) };
    const markdown = markdownWriter.render(clean);
    expect(markdown).not.toContain('[!WARNING]');
    expect(markdown).not.toContain('Excluded runs');
    expect(tableRows(markdown)).toHaveLength(7);
  });

  it('renders markup and table syntax from results as text', () => {
    const results = makeSampleResults();
    const template = results.configs[0];
    if (template === undefined) throw new Error('the sample has no configuration');
    const hostile = { ...results, configs: [...results.configs, { ...template, impl: `a|b ${HOSTILE_MARKUP}` }] };
    const markdown = markdownWriter.render(hostile);
    expect(markdown).not.toContain('</script>');
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;/script&gt;&lt;img src=x onerror=window.\\_\\_xss=1&gt;');
    // An unescaped pipe would add a column to the row.
    const row = tableRows(markdown).find((cells) => cells[0]?.startsWith('a\\|b'));
    expect(row).toHaveLength(14);
  });

  it('ends with the environment and the bench configuration', () => {
    const markdown = markdownWriter.render(makeSampleResults());
    expect(markdown).toContain('- **Node.js**: v20.20.2');
    expect(markdown).toContain('- **Profile**: quick (seed 42)');
    expect(markdown).toContain('- **Runs**: 5 measured + 1 warm-up per configuration');
  });
});

describe('summary.md from one run per configuration', () => {
  it('shows no margin of error: one sample has none, not "± 0.0 %"', () => {
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
    const rows = tableRows(markdownWriter.render(oneRun));
    expect(rows.find((cells) => cells[0] === 'promise-pool' && cells[1] === '10')?.[3]).toMatch(/^[\d,]+ ms$/);
    expect(rows.flat().filter((cell) => cell.includes('±'))).toEqual([]);
  });
});

describe('summary.md of the native race', () => {
  const markdown = markdownWriter.render(withNativeRace());
  const rows = tableRows(markdown);

  it('names each skipped crawler once, with its reason, above the table', () => {
    const skipped = markdown.split('\n').filter((line) => line.includes('Skipped:'));
    expect(skipped).toEqual(['- Skipped: rust (cargo not found; install Rust with rustup (https://rustup.rs) to add it)']);
    expect(markdown.indexOf('Skipped: rust')).toBeLessThan(markdown.indexOf('| Implementation'));
    expect(rows.filter((cells) => cells[0] === 'rust').map((cells) => cells.at(-1))).toEqual([
      'skipped: cargo not found; install Rust with rustup (https://rustup.rs) to add it',
      'skipped: cargo not found; install Rust with rustup (https://rustup.rs) to add it',
    ]);
    // Skipped is not a failure: it adds nothing to the warning's count.
    expect(markdown).toContain('1 invalid run, 3 failed configurations (child-processes@50, elixir@10, elixir@50)');
  });

  it("marks the crawl times that are a process's wall time, and says why under the table", () => {
    const user = rows.find((cells) => cells[0] === 'my-crawler' && cells[1] === '10');
    expect(user?.[3]).toMatch(/^3,100 ms \u2020 ± [\d.]+ %$/);
    expect(rows.find((cells) => cells[0] === 'go' && cells[1] === '10')?.[3]).toMatch(/^2,500 ms ± /);
    expect(markdown).toContain("\u2020 my-crawler: crawl time is the process's wall time (spawn to exit, start-up included), as the crawler reports no timer of its own.");
    expect(markdownWriter.render(makeSampleResults())).not.toContain('\u2020');
  });

  it('gives a failed build its reason, in the table and in the excluded list', () => {
    expect(rows.find((cells) => cells[0] === 'elixir' && cells[1] === '10')?.at(-1)).toBe('FAILED: mix build failed: exit code 1: could not compile dependency :mochiweb');
    expect(markdown).toMatch(/^- elixir@10 failed: mix build failed: exit code 1: could not compile dependency :mochiweb$/m);
  });

  it("lists the native toolchains beside Node's", () => {
    expect(markdown).toContain('- **Node.js**: v20.20.2 (V8 11.3.244.8-node.33)\n- **Native toolchains**: elixir 1.18.3, go 1.26.8\n');
  });
});

describe('summary.md: a service the crawl ran on', () => {
  it('gets its own row under its crawler, with its own CPU and memory, and the crawler’s row is unchanged', () => {
    const results = makeSampleResults();
    const MIB = 1024 * 1024;
    const withRedis: BenchResults = {
      ...results,
      configs: results.configs.map((config) =>
        config.impl === 'child-processes' && config.workers === 10
          ? { ...config, runs: config.runs.map((run, i) => ({ ...run, service: { name: 'redis-server', cpuMs: 100 + 10 * i, peakRssBytes: 12 * MIB, pssBytes: 10 * MIB, commandsPerPage: 63 } })) }
          : config,
      ),
    };
    const before = tableRows(markdownWriter.render(results));
    const rows = tableRows(markdownWriter.render(withRedis));
    expect(rows).toHaveLength(before.length + 1);
    const crawlerIndex = rows.findIndex((cells) => cells[0] === 'child-processes' && cells[1] === '10');
    expect(rows[crawlerIndex]).toEqual(before.find((cells) => cells[0] === 'child-processes' && cells[1] === '10'));
    const service = rows[crawlerIndex + 1] ?? [];
    expect(service[0]).toBe('child-processes: redis-server');
    const runs = withRedis.configs.find((c) => c.impl === 'child-processes' && c.workers === 10)?.runs.length ?? 0;
    // CPU 100, 110, 120, … ms: the median of the valid runs.
    expect(service).toContain(`${100 + 5 * (runs - 1)} ms`);
    expect(service).toContain('12.0 MiB');
    expect(service).toContain('10.0 MiB');
    expect(markdownWriter.render(withRedis)).toContain('63.0 commands per page');
  });
});
