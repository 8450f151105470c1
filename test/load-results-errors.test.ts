import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadInputFileError } from '../common/errors.js';
import { loadHistory } from '../harness/results/load-history.js';
import { loadResults } from '../harness/results/load-results.js';
import { makeSampleHistory, makeSampleResults, makeTempDir, writeResultsFile } from './helpers.js';

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

  it('refuses another schema version, saying which one it reads', async () => {
    const file = await writeResultsFile(temp.dir, 'results.json', { ...makeSampleResults(), schemaVersion: 2 as 1 });
    const error = await rejection(loadResults(file));
    expect(error.message).toBe(`${file} is not a crawlbench results file: schemaVersion is 2 but this crawlbench reads 1 (re-run the bench with this version)`);
  });

  it('refuses JSON that is not shaped like results', async () => {
    const noVersion = await writeResultsFile(temp.dir, 'a.json', JSON.stringify({ hello: 'world' }));
    expect((await rejection(loadResults(noVersion))).message).toContain('it has no schemaVersion');
    const badRun = makeSampleResults();
    const file = await writeResultsFile(temp.dir, 'b.json', JSON.stringify(badRun).replace('"state":"ok"', '"state":"great"'));
    expect((await rejection(loadResults(file))).message).toContain('configs[0].runs[0].state is not "ok", "invalid" or "failed"');
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
    expect(String(result.stderr)).toBe(`report: ${file} is not a crawlbench results file: schemaVersion is 99 but this crawlbench reads 1 (re-run the bench with this version)`);
    expect((await run([join(temp.dir, 'missing.json')])).exitCode).toBe(2);
    expect((await run([])).exitCode).toBe(2);
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
