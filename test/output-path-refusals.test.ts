/**
 * Output paths that can never work are refused up front, on the real file system: pseudo file
 * systems (/proc, where `mkdir -p` loops for ever; /sys; /dev), also behind a symbolic link, and a
 * bench `--out` tangled with reports/latest, which used to fail only after the whole bench.
 */
import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOutputPath } from '../common/check-output-path.js';
import { CrawlbenchError } from '../common/errors.js';
import { checkBenchOutDir } from '../harness/bench/check-bench-out-dir.js';
import { tempDirs } from './helpers/temp-files.js';

const temp = tempDirs('crawlbench-outpath-');
afterEach(temp.removeAll);

function refusal(check: () => void): CrawlbenchError {
  try {
    check();
  } catch (error) {
    if (error instanceof CrawlbenchError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkOutputPath', () => {
  it.each([
    ['/proc/x', '/proc'],
    ['/proc/self/x/y', '/proc'],
    ['/sys/x', '/sys'],
    ['/dev/crawlbench-x', '/dev'],
  ])('refuses %s, naming the path and what to do', (path, kind) => {
    const error = refusal(() => checkOutputPath(path, '--out'));
    expect(error.code).toBe('CB_UNWRITABLE_OUTPUT');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`cannot write to ${path}: it is on a pseudo file system (${kind}) that holds no files (give a directory on a disk with --out)`);
    expect(existsSync(path)).toBe(false);
  });

  it('sees through a symbolic link into /proc', async () => {
    const dir = await temp.make();
    await symlink('/proc', join(dir, 'link'));
    expect(refusal(() => checkOutputPath(join(dir, 'link', 'x'), '--out')).message).toContain('(/proc)');
  });

  it('accepts a directory on a disk, existing or not, and /dev/shm', async () => {
    const dir = await temp.make();
    expect(() => checkOutputPath(dir, '--out')).not.toThrow();
    expect(() => checkOutputPath(join(dir, 'new', 'deeper'), '--out')).not.toThrow();
    expect(() => checkOutputPath('/dev/shm/crawlbench-x', '--out')).not.toThrow();
  });
});

describe('checkBenchOutDir', () => {
  it.each([
    ['the reports directory itself', (root: string) => join(root, 'reports')],
    ['a parent of the reports directory', (root: string) => root],
    ['latest/ itself', (root: string) => join(root, 'reports', 'latest')],
  ])('refuses %s: latest/ would be copied into itself', async (_what, outOf) => {
    const root = await temp.make();
    const reportsDir = join(root, 'reports');
    const out = outOf(root);
    const error = refusal(() => checkBenchOutDir({ outDir: out, reportsDir }));
    expect(error.code).toBe('CB_INVALID_ARGUMENT');
    expect(error.message).toBe(
      `--out ${out} holds ${reportsDir}/latest, which the bench fills with a copy of --out at the end: a directory cannot be copied into itself; give a directory of its own, such as --out ${reportsDir}/my-bench`,
    );
  });

  it('refuses a directory inside latest/, which the bench replaces at the end', async () => {
    const root = await temp.make();
    const reportsDir = join(root, 'reports');
    await mkdir(join(reportsDir, 'latest'), { recursive: true });
    const out = join(reportsDir, 'latest', 'mine');
    expect(refusal(() => checkBenchOutDir({ outDir: out, reportsDir })).message).toBe(
      `--out ${out} is inside ${reportsDir}/latest, which the bench replaces at the end, deleting these results; give a directory of its own, such as --out ${reportsDir}/my-bench`,
    );
  });

  it('refuses the reports directory reached through a symbolic link', async () => {
    const root = await temp.make();
    const reportsDir = join(root, 'reports');
    await mkdir(reportsDir);
    await symlink(reportsDir, join(root, 'alias'));
    expect(refusal(() => checkBenchOutDir({ outDir: join(root, 'alias'), reportsDir })).code).toBe('CB_INVALID_ARGUMENT');
  });

  it('accepts a directory of its own beside latest/, or anywhere else, and no --out at all', async () => {
    const root = await temp.make();
    const reportsDir = join(root, 'reports');
    expect(() => checkBenchOutDir({ outDir: join(reportsDir, 'mine'), reportsDir })).not.toThrow();
    expect(() => checkBenchOutDir({ outDir: join(root, 'elsewhere'), reportsDir })).not.toThrow();
    expect(() => checkBenchOutDir({ reportsDir })).not.toThrow();
  });

  it('refuses --out on a pseudo file system like the report does', () => {
    expect(refusal(() => checkBenchOutDir({ outDir: '/proc/x', reportsDir: 'reports' })).code).toBe('CB_UNWRITABLE_OUTPUT');
  });
});
