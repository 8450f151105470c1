/**
 * Checks a bench's `--out` before anything is measured, for the cases that used to fail only at
 * the very end, after every run: a pseudo file system (see check-output-path.ts), and a directory
 * tangled with `<reports>/latest`, which the bench replaces with a copy of `--out` once it is done
 * (results-store.ts, publishLatest): `--out reports` or any parent of `latest/` would be copied
 * into itself (cp: EINVAL), and `--out` inside `latest/` would be deleted with the old copy.
 */
import { join } from 'node:path';
import { checkOutputPath, isWithin, realOutputPath } from '../../common/check-output-path.js';
import { InvalidArgumentError } from '../../common/errors.js';
import type { BenchOptions } from './bench-options.js';

/** @throws UnwritableOutputError on a pseudo file system, InvalidArgumentError when tangled with latest/ */
export function checkBenchOutDir(options: Pick<BenchOptions, 'outDir' | 'reportsDir'>): void {
  const { outDir, reportsDir } = options;
  if (outDir === undefined) return;
  checkOutputPath(outDir, '--out');
  const out = realOutputPath(outDir);
  const latest = realOutputPath(join(reportsDir, 'latest'));
  const example = `such as --out ${join(reportsDir, 'my-bench')}`;
  if (isWithin(latest, out)) {
    throw new InvalidArgumentError(
      `--out ${outDir} holds ${join(reportsDir, 'latest')}, which the bench fills with a copy of --out at the end: a directory cannot be copied into itself; give a directory of its own, ${example}`,
    );
  }
  if (isWithin(out, latest)) {
    throw new InvalidArgumentError(`--out ${outDir} is inside ${join(reportsDir, 'latest')}, which the bench replaces at the end, deleting these results; give a directory of its own, ${example}`);
  }
}
