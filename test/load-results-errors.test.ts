import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadInputFileError } from '../common/errors.js';
import { loadHistory } from '../harness/results/load-history.js';
import { loadResults } from '../harness/results/load-results.js';
import { METRICS, RESULTS_SCHEMA_VERSION } from '../harness/results/results.js';
import { asVersion1, makeSampleHistory, makeSampleResults } from './helpers/sample-results.js';
import { makeTempDir, writeResultsFile } from './helpers/temp-files.js';

let temp: { dir: string; remove: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir('crawlbench-load-');
});
afterEach(async () => {
  await temp.remove();
});

async function rejection(promise: Promise<unknown>): Promise<BadInputFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadInputFileError);
  const bad = error as BadInputFileError;
  expect(bad.message).not.toContain('\n');
  expect(bad.exitCode).toBe(2);
  return bad;
}

describe('loadResults', () => {
  it('reads a results.json file, or the one in a report directory', async () => {
    const results = makeSampleResults();
    const file = await writeResultsFile(temp.dir, 'results.json', results);
    expect(await loadResults(file)).toEqual(results);
    expect(await loadResults(temp.dir)).toEqual(results);
  });

  it('names a missing file', async () => {
    const missing = join(temp.dir, 'nope.json');
    const error = await rejection(loadResults(missing));
    expect(error.message).toBe(`cannot read ${missing}: no such file or directory (give a results.json or a report directory, e.g. reports/latest)`);
  });

  it('names a report directory that holds no results.json', async () => {
    const dir = join(temp.dir, 'empty');
    await mkdir(dir);
    const error = await rejection(loadResults(dir));
    expect(error.message).toBe(`cannot read ${join(dir, 'results.json')}: no such file or directory`);
  });

  it('reports a file that is not JSON, e.g. cut short', async () => {
    const file = await writeResultsFile(temp.dir, 'results.json', JSON.stringify(makeSampleResults()).slice(0, 500));
    const error = await rejection(loadResults(file));
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\); was the bench interrupted while writing it\\?$`));
  });

  it('refuses another schema version, saying which one it reads and which one it upgrades', async () => {
    const file = await writeResultsFile(temp.dir, 'results.json', JSON.stringify({ ...makeSampleResults(), schemaVersion: 99 }));
    const error = await rejection(loadResults(file));
    expect(error.message).toBe(`${file} is not a crawlbench results file: schemaVersion is 99 but this crawlbench reads 4 (and upgrades 1 to 3); re-run the bench with this version`);
    expect(error.code).toBe('CB_BAD_INPUT_FILE');
  });

  it('upgrades a version 1 file: one state per configuration, every metric key in stats, the fields added since', async () => {
    const results = makeSampleResults();
    const v1 = asVersion1(results);
    // The sample covers all three old combinations, and leaves some metrics out of stats.
    const configs = v1.configs as Array<{ impl: string; workers: number; state: string; valid: boolean; stats: object }>;
    expect(new Set(configs.map((c) => `${c.state}/${String(c.valid)}`))).toEqual(new Set(['completed/true', 'completed/false', 'failed/false']));
    expect(configs.some((c) => Object.keys(c.stats).length < METRICS.length)).toBe(true);
    const file = await writeResultsFile(temp.dir, 'results.json', JSON.stringify(v1));
    const upgraded = await loadResults(file);
    expect(upgraded.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    const stateOf = (impl: string, workers: number) => upgraded.configs.find((c) => c.impl === impl && c.workers === workers)?.state;
    expect(stateOf('promise-pool', 10)).toBe('ok'); // completed + valid
    expect(stateOf('worker-threads', 10)).toBe('partial'); // completed, one run invalid
    expect(stateOf('child-processes', 50)).toBe('failed');
    for (const config of upgraded.configs) {
      expect(Object.keys(config.stats).sort()).toEqual([...METRICS].sort());
      expect(config).not.toHaveProperty('valid');
      expect(config.origin).toBe('js');
      expect(config.reason).toBeNull();
      for (const run of config.runs) expect(run.durationSource).toBe(run.durationMs === null ? null : 'crawler');
    }
    expect(upgraded.environment.toolchains).toEqual({});
    expect(upgraded.config.commandWorkers).toEqual([]);
    expect(upgraded.config.crawlers).toEqual({});
    expect(upgraded.notablePages).toEqual([]);
    // Nothing else changes: the upgrade gives back the sample (a version 1 bench ran no command
    // crawlers, and ran on the harness's Node, whose details it did not record).
    expect(upgraded).toEqual({ ...results, config: { ...results.config, commandWorkers: [] }, notablePages: [], configs: results.configs.map((c) => ({ ...c, runtimeInfo: null })) });
  });

  it('upgrades the version 1 file kept in test/data', async () => {
    const file = fileURLToPath(new URL('./data/results-sample.json', import.meta.url));
    const original = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; configs: Array<{ state: string; valid: boolean }> };
    expect(original.schemaVersion).toBe(1);
    const upgraded = await loadResults(file);
    expect(upgraded.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(upgraded.configs.map((c) => c.state)).toEqual(original.configs.map((c) => (c.state === 'failed' ? 'failed' : c.valid ? 'ok' : 'partial')));
    expect(upgraded.configs.map((c) => c.state)).toContain('partial');
    for (const config of upgraded.configs) expect(Object.keys(config.stats).sort()).toEqual([...METRICS].sort());
  });

  it('refuses JSON that is not shaped like results', async () => {
    const noVersion = await writeResultsFile(temp.dir, 'a.json', JSON.stringify({ hello: 'world' }));
    expect((await rejection(loadResults(noVersion))).message).toContain('it has no schemaVersion');
    const badRun = makeSampleResults();
    const file = await writeResultsFile(temp.dir, 'b.json', JSON.stringify(badRun).replace('"state":"ok","durationMs"', '"state":"great","durationMs"'));
    expect((await rejection(loadResults(file))).message).toBe(`${file} is not a crawlbench results file: configs[0].runs[0].state is not one of ok, invalid, failed`);
    const badConfig = JSON.stringify(makeSampleResults()).replace('"state":"ok","reason":null', '"state":"completed","reason":null');
    const v1State = await writeResultsFile(temp.dir, 'c.json', badConfig);
    expect((await rejection(loadResults(v1State))).message).toBe(`${v1State} is not a crawlbench results file: configs[0].state is not one of ok, partial, failed, skipped`);
  });
});

describe('loadHistory', () => {
  it('reads one entry per line and tolerates a last line cut short by a killed bench', async () => {
    const entries = makeSampleHistory(3);
    const text = `${entries.map((e) => JSON.stringify(e)).join('\n')}\n{"createdAt":"2025-`;
    const file = await writeResultsFile(temp.dir, 'history.jsonl', text);
    expect(await loadHistory(file)).toEqual(entries);
  });

  it('names the line that is damaged', async () => {
    const [first, second] = makeSampleHistory(2).map((e) => JSON.stringify(e));
    const file = await writeResultsFile(temp.dir, 'history.jsonl', `${first}\n{oops\n${second}\n`);
    expect((await rejection(loadHistory(file))).message).toBe(`${file} line 2 is not valid JSON; remove or fix that line`);
  });
});

describe('npm run report', () => {
  const script = fileURLToPath(new URL('../dist/scripts/report.js', import.meta.url));
  const run = (args: string[]) => execa('node', [script, ...args], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });

  it('prints one line and exits 2 for a bad input file (build first: npm run build)', async () => {
    const file = await writeResultsFile(temp.dir, 'results.json', '{"schemaVersion": 99}');
    const result = await run([file]);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toBe(
      `report: ${file} is not a crawlbench results file: schemaVersion is 99 but this crawlbench reads 4 (and upgrades 1 to 3); re-run the bench with this version [CB_BAD_INPUT_FILE]`,
    );
    const missing = join(temp.dir, 'missing.json');
    const noFile = await run([missing]);
    expect(noFile.exitCode).toBe(2);
    expect(String(noFile.stderr)).toBe(`report: cannot read ${missing}: no such file or directory (give a results.json or a report directory, e.g. reports/latest) [CB_BAD_INPUT_FILE]`);
    const noArgs = await run([]);
    expect(noArgs.exitCode).toBe(2);
    expect(String(noArgs.stderr)).toBe('report: expected one results.json or report directory, got 0 (see --help) [CB_INVALID_ARGUMENT]');
    for (const failure of [result, noFile, noArgs]) expect(String(failure.stderr)).toMatch(/^report: [^\n]+ \[CB_[A-Z_]+\]$/);
  });

  it('writes report.html and summary.md beside the results and prints their paths', async () => {
    await writeResultsFile(temp.dir, 'results.json', makeSampleResults());
    const result = await run([temp.dir, '--history', join(temp.dir, 'none.jsonl')]);
    expect(result.exitCode).toBe(2);
    const ok = await run([temp.dir]);
    expect(ok.exitCode).toBe(0);
    expect(String(ok.stdout).split('\n')).toEqual([join(temp.dir, 'report.html'), join(temp.dir, 'summary.md')]);
  });
});
