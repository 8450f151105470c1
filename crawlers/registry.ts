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
const PROCESS_MODELS: ReadonlySet<string> = new Set(['child-processes']);

export function spawnsProcesses(impl: string): boolean {
  return PROCESS_MODELS.has(impl);
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
