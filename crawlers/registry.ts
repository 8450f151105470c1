/**
 * The crawler implementations by name, as the CLI and the harness select them.
 */
import type { Crawler } from './contract.js';
import { InvalidArgumentError } from '../common/errors.js';
import { promisePool } from './promise-pool.js';
import { workerThreads } from './worker-threads.js';
import { childProcesses } from './child-processes.js';
import { distributed } from './distributed/distributed.js';

export const crawlers: Record<string, Crawler> = {
  'promise-pool': promisePool,
  'worker-threads': workerThreads,
  'child-processes': childProcesses,
  distributed,
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

/** The crawler called `name`; throws `InvalidArgumentError` naming the known ones. */
export function getCrawler(name: string): Crawler {
  const crawler = Object.hasOwn(crawlers, name) ? crawlers[name] : undefined;
  if (crawler === undefined) {
    throw new InvalidArgumentError(`unknown crawler implementation "${name}"; choose one of: ${crawlerNames().join(', ')}`);
  }
  return crawler;
}
