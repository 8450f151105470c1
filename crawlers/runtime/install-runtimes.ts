/**
 * `npm run runtimes`: installs the pinned runtimes of runtimes/package-lock.json with `npm ci`
 * in that folder, from the npm registry only, and only when the lockfile changed since the last
 * install (a stamp beside the packages holds its hash), so a second call takes a moment.
 *
 * No install scripts run: Node's, Bun's and Deno's platform packages are plain executables.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, MissingToolError } from '../../common/errors.js';
import { resolveRuntime, runtimeNames, runtimesDir, type Runtime } from './runtime-catalog.js';
import { DEFAULT_RUNTIME } from './default-runtime.js';

const STAMP = join('node_modules', '.crawlbench-stamp');

export interface InstallOutcome {
  /** false: the installed packages already matched the lockfile. */
  installed: boolean;
  runtimes: Runtime[];
}

/**
 * @param log where npm's own output and progress lines go
 * @throws InvalidArgumentError off Linux x64 (the only platform whose packages are pinned),
 *   MissingToolError when npm fails
 */
export async function installRuntimes(log: (line: string) => void, root?: string): Promise<InstallOutcome> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new InvalidArgumentError(`npm run runtimes pins Linux x64 builds only; this is ${process.platform} ${process.arch}, so only --runtime ${DEFAULT_RUNTIME} is available`);
  }
  const dir = runtimesDir(root);
  const stampPath = join(dir, STAMP);
  const hash = createHash('sha256')
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex');
  const names = runtimeNames(root).filter((name) => name !== DEFAULT_RUNTIME);
  const current = existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash && names.every((name) => isInstalled(name, root));
  if (!current) {
    log(`runtimes: installing ${names.join(', ')} into ${dir} (npm ci)`);
    await npmCi(dir);
    writeFileSync(stampPath, hash);
  }
  return { installed: !current, runtimes: names.map((name) => resolveRuntime(name, root)) };
}

function isInstalled(name: string, root?: string): boolean {
  try {
    resolveRuntime(name, root);
    return true;
  } catch {
    return false;
  }
}

function npmCi(cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (error) => reject(new MissingToolError(`cannot run npm (${error.message}); install npm, which comes with Node`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new MissingToolError(`npm ci in ${cwd} failed (${signal ?? `exit ${code}`}); see its output above`));
    });
  });
}
