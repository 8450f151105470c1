import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import type { BenchConfig, BenchResults } from '../harness/results/results.js';
import { runCompareCli } from './helpers/cli-runners.js';
import { makeCompareResults, noisySamples } from './helpers/compare-results.js';
import { asVersion1 } from './helpers/sample-results.js';
import { makeTempDir, writeResultsFile } from './helpers/temp-files.js';

function bench(seed: number, runs = 6, config: Partial<BenchConfig> = {}): BenchResults {
  const random = mulberry32(seed);
  return makeCompareResults(
    {
      'promise-pool@10': {
        durationMs: noisySamples(random, runs, 1200, 0.05),
        cpuMs: noisySamples(random, runs, 900, 0.05),
        peakRssBytes: noisySamples(random, runs, 7e7, 0.05),
      },
    },
    { runs, ...config },
  );
}

describe('compare refuses bad input with one line and exit 2', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('crawlbench-compare-errors-');
  });
  afterEach(async () => {
    await temp.remove();
  });

  /**
   * Runs compare and checks the shape every refusal must have: exit 2, nothing on stdout, one line
   * `compare: MESSAGE [CODE]`. Returns the message without the prefix and the code.
   */
  async function refusal(args: string[], code: 'CB_INVALID_ARGUMENT' | 'CB_BAD_INPUT_FILE' | null = 'CB_INVALID_ARGUMENT'): Promise<string> {
    const { exitCode, stdout, stderr } = await runCompareCli(args);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1); // no stack trace
    expect(stderr).not.toMatch(/\n\s+at /);
    const line = lines[0] ?? '';
    expect(line).toMatch(/^compare: /);
    if (code === null) {
      expect(line).not.toMatch(/\[CB_[A-Z_]+\]$/);
      return line.slice('compare: '.length);
    }
    expect(line).toMatch(/ \[CB_[A-Z_]+\]$/);
    expect(line.endsWith(` [${code}]`)).toBe(true);
    return line.slice('compare: '.length, -` [${code}]`.length);
  }

  async function pair(baseline: BenchResults | string, current: BenchResults | string): Promise<[string, string]> {
    return [await writeResultsFile(temp.dir, 'baseline.json', baseline), await writeResultsFile(temp.dir, 'current.json', current)];
  }

  const SAME_FLAGS = 'run both benches with the same --profile and fixture flags';

  it('refuses two benches with no configuration in common: compared nothing is no pass', async () => {
    const other = bench(2);
    const renamed = { ...other, configs: other.configs.map((config) => ({ ...config, impl: 'go' })) };
    expect(await refusal(await pair(bench(1), renamed))).toBe('nothing to compare: no configuration and metric is measured in both benches (promise-pool@10 only-in-baseline; go@10 only-in-current)');
  });

  it('refuses a metric that one side never measured, saying which', async () => {
    const base = bench(1);
    const unmeasured = { ...base, configs: base.configs.map((config) => ({ ...config, stats: { ...config.stats, pagesPerSec: null } })) };
    expect(await refusal([...(await pair(unmeasured, bench(2))), '--metric', 'throughput'])).toBe(
      'nothing to compare: no configuration and metric is measured in both benches (pagesPerSec is not measured in the baseline bench)',
    );
  });

  it('refuses benches of a different fixture size (pages)', async () => {
    const message = await refusal(await pair(bench(1), bench(2, 6, { pages: 2000 })));
    expect(message).toBe(`not comparable: pages differs (baseline 500, current 2000); ${SAME_FLAGS}`);
  });

  it('refuses benches with a different latency', async () => {
    const message = await refusal(await pair(bench(1), bench(2, 6, { latencyMs: 5 })));
    expect(message).toBe(`not comparable: latencyMs differs (baseline 20, current 5); ${SAME_FLAGS}`);
  });

  it('refuses benches with TLS on one side only', async () => {
    const message = await refusal(await pair(bench(1), bench(2, 6, { tls: true })));
    expect(message).toBe(`not comparable: tls differs (baseline false, current true); ${SAME_FLAGS}`);
  });

  it('refuses too few runs, naming the minimum for the chosen alpha', async () => {
    const message = await refusal(await pair(bench(1, 3), bench(2, 3)));
    expect(message).toBe(
      'not comparable: sample count too small for promise-pool@10 durationMs (baseline 3 ok runs, current 3); ' +
        'at alpha 0.05 the Mann-Whitney test needs at least 4 ok runs per side to ever find a difference (rerun the bench with --runs 4 or more)',
    );
  });

  it.each([
    ['--threshold', '0x10', '--threshold wants a percentage ≥ 0 like 10%, got "0x10"'],
    ['--alpha', '1e-1', '--alpha wants a probability between 0 and 1 like 0.05, got "1e-1"'],
  ])('refuses %s %s: flags are plain decimals', async (flag, value, message) => {
    expect(await refusal([...(await pair(bench(1), bench(2))), flag, value])).toBe(message);
  });

  it('raises the minimum with a stricter alpha', async () => {
    const message = await refusal([...(await pair(bench(1, 4), bench(2, 4))), '--alpha', '0.01']);
    expect(message).toContain('at alpha 0.01 the Mann-Whitney test needs at least 5 ok runs per side');
  });

  it('refuses a missing file', async () => {
    const [baseline] = await pair(bench(1), bench(2));
    const missing = `${temp.dir}/nope/results.json`;
    const message = await refusal([baseline, missing], 'CB_BAD_INPUT_FILE');
    expect(message).toBe(`cannot read ${missing}: no such file or directory (give a results.json or a report directory, e.g. reports/latest)`);
  });

  it('refuses a corrupt JSON file', async () => {
    const [baseline, current] = await pair(bench(1), '{"schemaVersion": 1, "configs": [');
    const message = await refusal([baseline, current], 'CB_BAD_INPUT_FILE');
    expect(message).toMatch(new RegExp(`^${current.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\); was the bench interrupted while writing it\\?$`));
  });

  it('refuses a results file of another schema version', async () => {
    const [baseline, current] = await pair(JSON.stringify({ ...bench(1), schemaVersion: 99 }), bench(2));
    const message = await refusal([baseline, current], 'CB_BAD_INPUT_FILE');
    expect(message).toBe(`${baseline} is not a crawlbench results file: schemaVersion is 99 but this crawlbench reads 4 (and upgrades 1 to 3); re-run the bench with this version`);
  });

  it('compares a version 1 baseline with a version 2 bench (the baseline is upgraded on read)', async () => {
    const [baseline, current] = await pair(JSON.stringify(asVersion1(bench(1))), bench(2));
    const { exitCode, stdout, stderr } = await runCompareCli([baseline, current]);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('OK: 0 regressions');
  });

  it.each([
    [['--format', 'xml'], 'unknown --format "xml"; use text, md or json'],
    [['--threshold', 'lots'], '--threshold wants a percentage ≥ 0 like 10%, got "lots"'],
    [['--alpha', '2'], '--alpha wants a probability between 0 and 1 like 0.05, got "2"'],
    [['--metric', 'wall,speed'], /^unknown metric "speed"; use one of .+$/],
  ])('refuses bad flags %j', async (flags, expected) => {
    const message = await refusal([...(await pair(bench(1), bench(2))), ...flags]);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('refuses an unknown flag (util.parseArgs: no crawlbench code)', async () => {
    const message = await refusal([...(await pair(bench(1), bench(2))), '--frobnicate'], null);
    expect(message).toMatch(/^Unknown option '--frobnicate'\..* \(see --help\)$/);
  });

  it('refuses a missing second file', async () => {
    const [baseline] = await pair(bench(1), bench(2));
    expect(await refusal([baseline])).toBe('expected two results files, <baseline> <current>, got 1 (see --help)');
  });

  it('prints usage with --help and exits 0', async () => {
    const { exitCode, stdout } = await runCompareCli(['--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('usage: npm run compare -- <baseline> <current>');
  });

  it('accepts report directories as well as files', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(`${temp.dir}/base`);
    await mkdir(`${temp.dir}/head`);
    await writeResultsFile(`${temp.dir}/base`, 'results.json', bench(1));
    await writeResultsFile(`${temp.dir}/head`, 'results.json', bench(2));
    const { exitCode, stdout } = await runCompareCli([`${temp.dir}/base`, `${temp.dir}/head`]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('OK: 0 regressions');
  });
});
