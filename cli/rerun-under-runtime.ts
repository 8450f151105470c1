/**
 * `npm run crawl -- URL --runtime bun`: the crawl command runs itself again under that runtime,
 * with the same flags but `--runtime`, so the crawl, its workers, its progress and its summary
 * are all the runtime's own. This process only waits and passes on its exit status.
 */
import { spawn } from 'node:child_process';
import { projectRoot } from '../common/project-root.js';
import { spawnsProcesses } from '../crawlers/registry.js';
import { resolveRuntime } from '../crawlers/runtime/runtime-catalog.js';
import { runtimeCommand } from '../crawlers/runtime/runtime-command.js';

export interface RerunRequest {
  runtime: string;
  /** The compiled script to run again (`dist/scripts/crawl.js`). */
  script: string;
  argv: readonly string[];
  impl: string;
  startUrl: string;
  /** The --ca file, which Deno must be allowed to read. */
  caPath: string | undefined;
}

/** @returns the exit status of the run under the runtime (128 + signal number if it was killed) */
export async function rerunUnderRuntime(request: RerunRequest): Promise<number> {
  const runtime = resolveRuntime(request.runtime);
  const command = runtimeCommand(runtime, request.script, withoutRuntimeFlag(request.argv), {
    hosts: [new URL(request.startUrl).host],
    readPaths: [projectRoot(), ...(request.caPath === undefined ? [] : [request.caPath])],
    writePaths: [],
    spawnsProcesses: spawnsProcesses(request.impl),
  });
  const child = spawn(command.file, command.args, { stdio: 'inherit', env: { ...process.env, ...command.env } });
  // Ctrl-C reaches the child from the terminal (same process group) and it stops its crawl
  // cleanly; this process stays to report its status. A SIGTERM sent to this process alone is
  // passed on.
  const onInterrupt = (): void => undefined;
  const onTerminate = (): void => void child.kill('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : signalNumber(signal))));
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  }
}

/** The arguments without `--runtime NAME` / `--runtime=NAME` (the rerun runs the default, its own). */
export function withoutRuntimeFlag(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      kept.push(...argv.slice(i));
      break;
    }
    if (arg === '--runtime') i += 1;
    else if (!arg.startsWith('--runtime=')) kept.push(arg);
  }
  return kept;
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 1;
}
