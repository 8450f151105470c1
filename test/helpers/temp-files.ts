/** Temporary directories and the files tests write into them. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResults } from '../../harness/results/results.js';

/** A fresh temporary directory and a function removing it (call it in afterEach). */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes results (or any text) to `dir/name` and returns the path. */
export async function writeResultsFile(dir: string, name: string, results: BenchResults | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof results === 'string' ? results : JSON.stringify(results));
  return path;
}

/**
 * Temporary directories for a whole test file: `const temp = tempDirs('x-'); afterEach(temp.removeAll)`,
 * then `const dir = await temp.make()` as often as a test needs.
 */
export function tempDirs(prefix: string): { make: () => Promise<string>; removeAll: () => Promise<void> } {
  const removals: Array<() => Promise<void>> = [];
  return {
    make: async () => {
      const { dir, remove } = await makeTempDir(prefix);
      removals.push(remove);
      return dir;
    },
    removeAll: async () => {
      for (const remove of removals.splice(0)) await remove();
    },
  };
}
