/**
 * The Redis keys of one distributed crawl. Every key of a run starts with `crawlbench:{<runId>}:`,
 * so a shared Redis holds runs side by side and one run's keys can be found and deleted; the
 * braces are a Redis Cluster hash tag, which puts all of a run's keys in one slot, as the frontier
 * scripts (several keys per call) require there.
 */
import { randomBytes } from 'node:crypto';

/** What every key of every run starts with; tests look for leftovers under it. */
export const KEY_PREFIX = 'crawlbench:';

/** The consumer group every worker of a run reads the frontier through. */
export const WORKER_GROUP = 'workers';

export interface RunKeys {
  /** `crawlbench:{<runId>}:`, the prefix of each key below. */
  prefix: string;
  /** SET of every URL ever admitted: the dupe filter. */
  seen: string;
  /** STREAM of admitted URLs (field `url`), read by the consumer group. */
  frontier: string;
  /** Counter of admitted URLs not yet recorded; 0 with nothing pending ends the crawl. */
  outstanding: string;
  /** HASH of counters: refusedByMaxPages, refetches, refusedCompletions, refusedRequests, reclaimWaitMs, deadLetters, errors. */
  stats: string;
  /** HASH url → the stored visit (JSON), written once per URL (HSETNX). */
  pages: string;
  /** STRING set when the crawl is over; workers exit once they see it. */
  done: string;
  /** LIST pushed once when the crawl is over, for the launcher's BLPOP. */
  doneSignal: string;
  /** HASH url → ms the URL's entries sat silent before reclaims, summed. */
  waited: string;
  /** STREAM of dead letters: entries whose every delivery went silent. */
  dead: string;
  /** STRING: the run's configuration (JSON), read by each worker at start. */
  config: string;
}

/** A fresh run id: 12 hex digits, unique enough for runs sharing one Redis. */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

export function runKeys(runId: string): RunKeys {
  const prefix = `${KEY_PREFIX}{${runId}}:`;
  const key = (name: string): string => `${prefix}${name}`;
  return {
    prefix,
    seen: key('seen'),
    frontier: key('frontier'),
    outstanding: key('outstanding'),
    stats: key('stats'),
    pages: key('pages'),
    done: key('done'),
    doneSignal: key('done-signal'),
    waited: key('waited'),
    dead: key('dead'),
    config: key('config'),
  };
}

/** Every key of the run, in the fixed order the frontier scripts take them as KEYS[1..9]. */
export function scriptKeys(keys: RunKeys): string[] {
  return [keys.seen, keys.frontier, keys.outstanding, keys.stats, keys.pages, keys.done, keys.doneSignal, keys.waited, keys.dead];
}
