/**
 * The environment and bench configuration as label/value pairs, shared by every format so a
 * reader can always tell what machine and settings produced the figures.
 */
import type { BenchResults } from '../results/results.js';
import { bytesToMib, formatMs, formatNumber } from './format.js';

export interface LabelledValue {
  label: string;
  value: string;
}

export function describeEnvironment(results: BenchResults): LabelledValue[] {
  const env = results.environment;
  const commit = env.gitCommit === null ? 'not a git checkout' : `${env.gitCommit.slice(0, 12)}${env.gitDirty === true ? ' (uncommitted changes)' : ''}`;
  // {} when no native crawler was built (and in v1 files, which load-results.ts upgrades).
  const toolchains = Object.entries(env.toolchains).sort(([a], [b]) => a.localeCompare(b));
  return [
    { label: 'Date', value: results.createdAt },
    { label: 'Node.js', value: `${env.nodeVersion} (V8 ${env.v8Version})` },
    ...(toolchains.length === 0 ? [] : [{ label: 'Native toolchains', value: toolchains.map(([tool, version]) => `${tool} ${version}`).join(', ') }]),
    { label: 'OS', value: `${env.os} ${env.arch}` },
    { label: 'CPU', value: `${env.cpuCount} × ${env.cpuModel}` },
    { label: 'Memory', value: `${formatNumber(Math.round(bytesToMib(env.totalMemoryBytes)))} MiB` },
    { label: 'Commit', value: commit },
  ];
}

export function describeConfig(results: BenchResults): LabelledValue[] {
  const c = results.config;
  return [
    { label: 'Profile', value: `${c.profile} (seed ${c.seed})` },
    { label: 'Site', value: `${c.pages} pages, BFS depth ${results.bfsDepth}${c.tls ? ', HTTPS' : ', HTTP'}, keep-alive ${c.keepAlive ? 'on' : 'off'}` },
    { label: 'Latency', value: `${formatMs(c.latencyMs)} ± ${formatMs(c.jitterMs)} jitter, ${formatMs(c.connectLatencyMs)} per connect` },
    { label: 'Implementations', value: c.impls.join(', ') },
    { label: 'Runtimes', value: runtimesText(results) },
    { label: 'Workers', value: workersText(results) },
    // Only the distributed model has hosts; older results ran it on one.
    ...(c.impls.includes('distributed') ? [{ label: 'Hosts', value: `distributed over ${c.hosts ?? 1} (groups of worker processes on this machine, at most W)` }] : []),
    { label: 'Runs', value: `${c.runs} measured + ${c.warmup} warm-up per configuration, each in a fresh process` },
    { label: 'Sampling', value: `every ${formatMs(c.sampleIntervalMs)}, run timeout ${formatMs(c.runTimeoutMs)}` },
  ];
}

/** `node 20.20.0 (V8 11.3), bun 1.4.5 (JavaScriptCore, --liftoff-only ignored)`: what each runtime said it was. */
function runtimesText(results: BenchResults): string {
  return results.config.runtimes
    .map((name) => {
      const info = results.configs.find((config) => config.runtime === name && config.runtimeInfo !== null)?.runtimeInfo;
      if (!info) return name;
      const ignored = Object.entries(info.engineFlags ?? {})
        .filter(([, effect]) => effect === 'ignored')
        .map(([flag]) => `, ${flag} ignored`)
        .join('');
      return `${name} ${info.version} (${info.engine} ${info.engineVersion.slice(0, 12)}${ignored})`;
    })
    .join('; ');
}

/** The JS models' worker counts, and the command crawlers' (the article's 10 and 50) when any ran. */
function workersText(results: BenchResults): string {
  const c = results.config;
  const commands = results.configs.some((config) => config.origin !== 'js');
  if (!commands || c.commandWorkers.join() === c.workers.join()) return c.workers.join(', ');
  return `${c.workers.join(', ')} (Node models); ${c.commandWorkers.join(', ')} (native and user crawlers)`;
}
