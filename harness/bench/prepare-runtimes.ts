/**
 * The runtimes a bench runs its JS models under, found and asked what they are once, before
 * anything is measured: an unknown name or one not installed stops the bench with one line.
 */
import { resolveRuntime } from '../../crawlers/runtime/runtime-catalog.js';
import { probeRuntime } from '../../crawlers/runtime/probe-runtime.js';
import type { PreparedRuntime } from './run-bench.js';

/** @throws InvalidArgumentError (unknown name), MissingToolError (not installed, or does not start) */
export async function prepareRuntimes(names: readonly string[]): Promise<Map<string, PreparedRuntime>> {
  const prepared = new Map<string, PreparedRuntime>();
  // Resolved all first: a missing one is reported before any other is started.
  const runtimes = names.map((name) => resolveRuntime(name));
  for (const runtime of runtimes) prepared.set(runtime.name, { runtime, info: await probeRuntime(runtime) });
  return prepared;
}
