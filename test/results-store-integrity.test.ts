/**
 * Nothing lost, nothing mixed: every bench gets a results directory of its own, `--out` never
 * writes into another bench's directory, a cut-off results.jsonl line is repaired before the next
 * append, and benches publishing latest/ at the same moment never fail each other.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrawlbenchError } from '../common/errors.js';
import { createResultsStore, publishLatest, RESULTS_LOG_NAME, reopenResultsStore } from '../harness/results/results-store.js';
import { makeSampleResults } from './helpers/sample-results.js';
import { tempDirs } from './helpers/temp-files.js';

const temp = tempDirs('crawlbench-store-');
afterEach(temp.removeAll);
const tempDir = temp.make;

async function failure(promise: Promise<unknown>): Promise<CrawlbenchError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof CrawlbenchError)) throw new Error(`expected a CrawlbenchError, got ${String(error)}`);
  return error;
}

describe('results directories', () => {
  it('gives two benches started in the same second two directories', async () => {
    const base = join(await tempDir(), 'reports', '2026-12-01T19-05-03Z');
    const stores = await Promise.all(Array.from({ length: 5 }, () => createResultsStore({ base }, makeSampleResults())));
    const dirs = stores.map((store) => store.dir);
    expect(new Set(dirs).size).toBe(5);
    expect(dirs.sort()).toEqual([base, `${base}-2`, `${base}-3`, `${base}-4`, `${base}-5`]);
  });

  it('refuses --out into a directory that holds anything, suggesting --resume', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'results.json'), '{}');
    const error = await failure(createResultsStore({ dir }, makeSampleResults()));
    expect(error.code).toBe('CB_INVALID_ARGUMENT');
    expect(error.message).toBe(`--out ${dir} is not empty; give a new directory, or finish the bench there with --resume ${dir}`);
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toBe('{}');
  });

  it('says in one line that --out under a file cannot be written', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), '');
    const error = await failure(createResultsStore({ dir: join(dir, 'a-file', 'x') }, makeSampleResults()));
    expect(error.code).toBe('CB_UNWRITABLE_OUTPUT');
    expect(error.message).toBe(`cannot write results to ${join(dir, 'a-file', 'x')}: a part of the path is not a directory (give a writable directory with --out)`);
  });
});

describe('resuming after a kill mid-write', () => {
  it('removes a cut-off last line of results.jsonl, so the next configuration is a line of its own', async () => {
    const dir = join(await tempDir(), 'bench');
    const sample = makeSampleResults();
    const [first, second] = sample.configs;
    if (first === undefined || second === undefined) throw new Error('sample too small');
    const store = await createResultsStore({ dir }, { ...sample, configs: [] });
    await store.addConfig(first);
    const log = join(dir, RESULTS_LOG_NAME);
    const whole = await readFile(log, 'utf8');
    // A kill -9 in the middle of the second append.
    await writeFile(log, `${whole}${JSON.stringify(second).slice(0, 40)}`);

    const reopened = await reopenResultsStore(dir);
    expect(reopened.repaired).toBe(true);
    expect(reopened.results.configs.map((config) => `${config.impl}@${config.workers}`)).toEqual([`${first.impl}@${first.workers}`]);
    await reopened.addConfig(second);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { impl: string }).impl)).toEqual([first.impl, second.impl]);
  });

  it('refuses a results.jsonl line that is not a configuration, naming the line', async () => {
    const dir = join(await tempDir(), 'bench');
    await createResultsStore({ dir }, { ...makeSampleResults(), configs: [] });
    await writeFile(join(dir, RESULTS_LOG_NAME), '{"createdAt": "another bench", "medians": {}}\n');
    const error = await failure(reopenResultsStore(dir));
    expect(error.code).toBe('CB_BAD_INPUT_FILE');
    expect(error.message).toBe(`${join(dir, RESULTS_LOG_NAME)} line 1 is not a configuration of this bench (it.impl is not a string); delete that line to resume`);
  });
});

describe('publishing latest/', () => {
  it('lets 30 benches publish at once: none fails, and latest/ is one of them, whole', async () => {
    const root = await tempDir();
    const reportsDir = join(root, 'reports');
    await mkdir(reportsDir);
    const sources = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const dir = join(root, `bench-${i}`);
        await mkdir(dir);
        for (const name of ['results.json', 'report.html', 'summary.md']) await writeFile(join(dir, name), `bench ${i}`);
        return dir;
      }),
    );
    const published = await Promise.allSettled(sources.map((dir) => publishLatest(dir, reportsDir)));
    expect(published.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const latest = join(reportsDir, 'latest');
    const contents = await Promise.all(['results.json', 'report.html', 'summary.md'].map((name) => readFile(join(latest, name), 'utf8')));
    expect(new Set(contents).size).toBe(1);
    expect(await readdir(reportsDir)).toEqual(['latest']);
  });
});
