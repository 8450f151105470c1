import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import type { BenchConfig, BenchResults } from '../harness/results/results.js';
import { makeCompareResults, makeTempDir, noisySamples, runCompareCli, writeResultsFile } from './helpers.js';

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

  /** Runs compare and checks the shape every refusal must have; returns the message. */
  async function refusal(args: string[]): Promise<string> {
    const { exitCode, stdout, stderr } = await runCompareCli(args);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1); // no stack trace
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toMatch(/^compare: /);
    return lines[0] ?? '';
  }

  async function pair(baseline: BenchResults | string, current: BenchResults | string): Promise<[string, string]> {
    return [await writeResultsFile(temp.dir, 'baseline.json', baseline), await writeResultsFile(temp.dir, 'current.json', current)];
  }

  it('refuses benches of a different fixture size (pages)', async () => {
    const message = await refusal(await pair(bench(1), bench(2, 6, { pages: 2000 })));
    expect(message).toContain('not comparable: pages differs (baseline 500, current 2000)');
  });

  it('refuses benches with a different latency', async () => {
    const message = await refusal(await pair(bench(1), bench(2, 6, { latencyMs: 5 })));
    expect(message).toContain('not comparable: latencyMs differs (baseline 20, current 5)');
  });

  it('refuses benches with TLS on one side only', async () => {
    const message = await refusal(await pair(bench(1), bench(2, 6, { tls: true })));
    expect(message).toContain('tls differs');
  });

  it('refuses too few runs, naming the minimum for the chosen alpha', async () => {
    const message = await refusal(await pair(bench(1, 3), bench(2, 3)));
    expect(message).toContain('sample count too small for promise-pool@10 durationMs (baseline 3 ok runs, current 3)');
    expect(message).toContain('at least 4 ok runs per side');
  });

  it('raises the minimum with a stricter alpha', async () => {
    const message = await refusal([...(await pair(bench(1, 4), bench(2, 4))), '--alpha', '0.01']);
    expect(message).toContain('at least 5 ok runs per side');
  });

  it('refuses a missing file', async () => {
    const [baseline] = await pair(bench(1), bench(2));
    const message = await refusal([baseline, `${temp.dir}/nope/results.json`]);
    expect(message).toMatch(/cannot read .*nope.*no such file/);
  });

  it('refuses a corrupt JSON file', async () => {
    const message = await refusal(await pair(bench(1), '{"schemaVersion": 1, "configs": ['));
    expect(message).toContain('is not valid JSON');
  });

  it('refuses a results file of another schema version', async () => {
    const message = await refusal(await pair(JSON.stringify({ ...bench(1), schemaVersion: 99 }), bench(2)));
    expect(message).toContain('schemaVersion is 99');
  });

  it.each([
    [['--format', 'xml'], 'unknown --format "xml"'],
    [['--threshold', 'lots'], '--threshold wants a percentage'],
    [['--alpha', '2'], '--alpha wants a probability'],
    [['--metric', 'wall,speed'], 'unknown metric "speed"'],
    [['--frobnicate'], 'Unknown option'],
  ])('refuses bad flags %j', async (flags, expected) => {
    const message = await refusal([...(await pair(bench(1), bench(2))), ...flags]);
    expect(message).toContain(expected);
  });

  it('refuses a missing second file', async () => {
    const [baseline] = await pair(bench(1), bench(2));
    expect(await refusal([baseline])).toContain('expected two results files');
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
