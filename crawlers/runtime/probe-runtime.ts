/**
 * Asks a runtime what it is (runtime-probe-entry.ts under it), once per bench or crawl, so every
 * configuration records the exact version, engine and executable it ran on.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MissingToolError } from '../../common/errors.js';
import { distPath, projectRoot } from '../../common/project-root.js';
import type { Runtime } from './runtime-catalog.js';
import { runtimeCommand } from './runtime-command.js';
import type { RuntimeInfo } from './runtime-info.js';

const run = promisify(execFile);

/** A runtime that does not print one line in this long does not start. */
const PROBE_TIMEOUT_MS = 30_000;

/** @throws MissingToolError when the runtime does not start or prints something else */
export async function probeRuntime(runtime: Runtime): Promise<RuntimeInfo> {
  const script = distPath('crawlers/runtime/runtime-probe-entry.js');
  const command = runtimeCommand(runtime, script, [], { hosts: [], readPaths: [projectRoot()], writePaths: [], spawnsProcesses: false });
  let stdout: string;
  try {
    ({ stdout } = await run(command.file, command.args, { env: { ...process.env, ...command.env }, timeout: PROBE_TIMEOUT_MS }));
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new MissingToolError(`runtime ${runtime.name} (${runtime.executable}) does not run: ${stderr.split('\n').pop() || (error as Error).message}; reinstall it with \`npm run runtimes\``);
  }
  try {
    const info = JSON.parse(stdout) as Omit<RuntimeInfo, 'name'>;
    return { name: runtime.name, ...info };
  } catch {
    throw new MissingToolError(`runtime ${runtime.name} (${runtime.executable}) printed no runtime description; reinstall it with \`npm run runtimes\``);
  }
}
