/**
 * The command line that runs a compiled script under a runtime, with nothing in between: plain
 * `node script`, `bun script`, or `deno run` with the narrowest permissions the crawl needs.
 */
import type { Runtime } from './runtime-catalog.js';

/** What a crawl under Deno is allowed to touch; the other runtimes have no permission model. */
export interface RuntimeGrants {
  /** `host:port` pairs it may connect to: the site it crawls. */
  hosts: string[];
  /** Files and folders it may read: the project (compiled code, node_modules), the CA, its request. */
  readPaths: string[];
  /** Files and folders it may write: where it reports. */
  writePaths: string[];
  /** Whether it starts processes of its own (the child-processes model forks its workers). */
  spawnsProcesses: boolean;
}

export interface RuntimeCommand {
  file: string;
  args: string[];
  /** Variables to set on top of the parent's environment (undefined: remove it). */
  env: Record<string, string | undefined>;
}

export function runtimeCommand(runtime: Runtime, script: string, scriptArgs: string[], grants: RuntimeGrants): RuntimeCommand {
  // No NODE_OPTIONS: a TS loader or vitest's flags must never reach a measured process.
  const env: Record<string, string | undefined> = { NODE_OPTIONS: undefined };
  if (runtime.kind !== 'deno') return { file: runtime.executable, args: [script, ...scriptArgs], env };
  // Deno: --no-prompt so a missing permission fails at once (a prompt would hang the run), and no
  // update check (it would reach for the internet on start-up).
  env.DENO_NO_UPDATE_CHECK = '1';
  const permissions = [
    ...(grants.hosts.length > 0 ? [`--allow-net=${unique(grants.hosts).join(',')}`] : []),
    `--allow-read=${unique(grants.readPaths).join(',')}`,
    ...(grants.writePaths.length > 0 ? [`--allow-write=${unique(grants.writePaths).join(',')}`] : []),
    // Node compatibility reads the environment (undici, process.env); the pool's memory check
    // (crawlers/supervised/pool-memory-check.ts) reads the machine's memory.
    '--allow-env',
    '--allow-sys=systemMemoryInfo',
    // Only its own executable: fork() of a worker starts Deno again.
    ...(grants.spawnsProcesses ? [`--allow-run=${runtime.executable}`] : []),
  ];
  return { file: runtime.executable, args: ['run', '--quiet', '--no-prompt', ...permissions, script, ...scriptArgs], env };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
