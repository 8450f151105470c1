/**
 * The crawler implementations by name, as the CLI and the harness select them.
 *
 * Each is imported only when asked for: a crawl process loads its own model and nothing else.
 * Loading all four cost the promise pool's crawl process ioredis and the supervised pool's
 * modules it never runs (about 3 MiB of RSS and 30–60 ms of CPU, issue 14).
 */
import type { Crawler } from './contract.js';
import { InvalidArgumentError } from '../common/errors.js';

const crawlers: Record<string, () => Promise<Crawler>> = {
  'promise-pool': async () => (await import('./promise-pool.js')).promisePool,
  'worker-threads': async () => (await import('./worker-threads.js')).workerThreads,
  'child-processes': async () => (await import('./child-processes.js')).childProcesses,
  distributed: async () => (await import('./distributed/distributed.js')).distributed,
};

/** The models whose workers are processes of their own (Deno must be allowed to start them). */
const PROCESS_MODELS: ReadonlySet<string> = new Set(['child-processes', 'distributed']);

export function spawnsProcesses(impl: string): boolean {
  return PROCESS_MODELS.has(impl);
}

/** The models that keep their frontier in Redis: a bench starts one for each run, outside the measured tree. */
export function usesRedis(impl: string): boolean {
  return impl === 'distributed';
}

/**
 * Models a bench runs only when `--impl` names them. `distributed` is for users who outgrow one
 * machine: on one machine it costs a Redis and a process per worker (W = 50 takes 20–30 s to
 * start on 2 cores), so it would double the default bench to measure what it is not for.
 */
const OPT_IN_MODELS: ReadonlySet<string> = new Set(['distributed']);

export function runsByDefault(impl: string): boolean {
  return !OPT_IN_MODELS.has(impl);
}

/** Known implementation names, in registration order. */
export function crawlerNames(): string[] {
  return Object.keys(crawlers);
}

/** Loads the crawler called `name`; throws `InvalidArgumentError` naming the known ones (before loading anything). */
export function loadCrawler(name: string): Promise<Crawler> {
  const load = Object.hasOwn(crawlers, name) ? crawlers[name] : undefined;
  if (load === undefined) {
    throw new InvalidArgumentError(`unknown crawler implementation "${name}"; choose one of: ${crawlerNames().join(', ')}`);
  }
  return load();
}
