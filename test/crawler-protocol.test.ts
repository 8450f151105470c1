/**
 * The crawler protocol end to end: user crawlers given with --crawler (here a Python script that
 * reports the fixture's truth, honestly or with one lie) are benched beside each other; the honest
 * ones give valid rows, every liar ends invalid or failed with its reason, and the bench goes on.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../harness/results/results.js';
import { tempDirs } from './helpers/temp-files.js';

const run = promisify(execFile);
const BENCH = fileURLToPath(new URL('../dist/scripts/bench.js', import.meta.url));
const LIAR = fileURLToPath(new URL('./data/lying-crawler.py', import.meta.url));

const MODES = ['honest', 'stdout', 'missing', 'invented', 'duplicate', 'nojson', 'wrongshape', 'crash', 'hang'] as const;

function crawlerFlag(mode: (typeof MODES)[number]): string[] {
  // `stdout` leaves {out} out of its template, so its result is read from stdout.
  const out = mode === 'stdout' ? 'unused' : '{out}';
  return ['--crawler', `py-${mode}=python3 ${LIAR} ${mode} {url} ${out}`];
}

describe('user crawlers through the crawler protocol', () => {
  const temp = tempDirs('crawlbench-protocol-');
  const tempDir = temp.make;
  let results: BenchResults;
  let exitCode: number;
  let stderr: string;

  beforeAll(async () => {
    const dir = await tempDir();
    const out = join(dir, 'bench');
    const args = [
      BENCH,
      '--profile',
      'quick',
      '--latency',
      '0',
      '--workers',
      '1',
      '--runs',
      '1',
      '--timeout',
      '3',
      '--out',
      out,
      '--impl',
      MODES.map((mode) => `py-${mode}`).join(','),
      ...MODES.flatMap(crawlerFlag),
    ];
    try {
      const done = await run(process.execPath, args, { cwd: dir });
      exitCode = 0;
      stderr = done.stderr;
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      exitCode = failed.code;
      stderr = failed.stderr;
    }
    results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as BenchResults;
  }, 120_000);
  afterAll(temp.removeAll);

  const config = (mode: string) => {
    const found = results.configs.find((entry) => entry.impl === `py-${mode}`);
    if (found === undefined) throw new Error(`no row for py-${mode}`);
    return found;
  };

  it('benches an honest crawler in another language to a valid row, its own durationMs as crawl time', () => {
    const honest = config('honest');
    expect(honest.state).toBe('ok');
    expect(honest.origin).toBe('user');
    expect(honest.runs[0]?.durationMs).toBe(12.5);
    expect(honest.runs[0]?.durationSource).toBe('crawler');
    expect(honest.runs[0]?.peakRssBytes).toBeGreaterThan(0);
    expect(honest.runs[0]?.cpuMs).not.toBeNull();
  });

  it('reads the result from stdout when the template has no {out}, timing the process when no durationMs is given', () => {
    const stdout = config('stdout');
    expect(stdout.state).toBe('ok');
    expect(stdout.runs[0]?.durationSource).toBe('process');
    expect(stdout.runs[0]?.durationMs).toBeCloseTo(stdout.runs[0]?.processWallMs ?? 0, 0);
  });

  it.each([
    ['missing', 'invalid', /1 missing/],
    ['invented', 'invalid', /1 unexpected: .*\/invented\/page/],
    ['duplicate', 'invalid', /1 visited twice/],
    ['nojson', 'failed', /py-nojson printed something that is not JSON/],
    ['wrongshape', 'failed', /py-wrongshape its JSON has no "pages" array/],
    ['crash', 'failed', /py-crash exited with code 3: boom: the lying crawler crashed on purpose/],
    ['hang', 'failed', /timed out after 3000 ms/],
  ])('a crawler that lies (%s) ends %s with its reason, never a valid row', (mode, state, reason) => {
    const entry = config(mode);
    expect(entry.state).toBe('failed');
    expect(entry.runs[0]?.state).toBe(state);
    expect(entry.runs[0]?.reason).toMatch(reason);
  });

  it('goes on after every bad crawler and exits 1 for the invalid runs, with every row written', () => {
    expect(results.configs.map((entry) => entry.impl).sort()).toEqual(MODES.map((mode) => `py-${mode}`).sort());
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/some runs were invalid or failed/);
  });

  it('refuses a template that needs a shell, before anything runs', async () => {
    const dir = await tempDir();
    const failed = await run(process.execPath, [BENCH, '--out', join(dir, 'b'), '--crawler', 'piped=python3 x.py {url} | tee log'], { cwd: dir }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr.trim()).toBe('bench: crawler "piped": its command has "|", but no shell runs it; write a script and name it instead [CB_INVALID_ARGUMENT]');
  });
});
