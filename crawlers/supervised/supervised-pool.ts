/**
 * A fixed-size pool of supervised workers (threads or child processes, through a
 * `WorkerTransport`), shaped like an Elixir `Supervisor` with the `:one_for_one` strategy: when a
 * worker dies, for whatever reason, only that worker is replaced, and the URL it was working on is
 * given to the next free worker. A URL whose worker keeps dying is recorded as `worker-crashed`
 * after a bounded number of attempts (OTP bounds restarts the same way, with `max_restarts`), so
 * one poisonous page can neither stop the crawl nor loop forever.
 *
 * The coordinator keeps the frontier and the visited set (`crawlLoop`); the pool only runs one URL
 * at a time per worker and hands back what the worker found.
 */
import { WorkerStartError } from '../../common/errors.js';
import { performance } from 'node:perf_hooks';
import type { CrawlOptions, ErrorKind, PageVisit } from '../contract.js';
import { noResponseRecord } from '../page/crawl-loop.js';
import { decodeVisit } from './visit-message.js';
import { type FromWorker, WORKER_PROTOCOL_VERSION } from './worker-protocol.js';
import type { WorkerHandle, WorkerTransport } from './worker-transport.js';

/** How much dying the pool tolerates. Defaults in `SUPERVISION_DEFAULTS`. */
export interface SupervisionLimits {
  /**
   * Attempts of one URL whose worker died on its own (crash, `process.exit`, OOM, external kill);
   * when all of them died the page is recorded as `worker-crashed`. @default 3
   */
  crashAttempts: number;
  /**
   * Chaos kills (`killRandomBusyWorker`) one URL may suffer; after that, chaos spares the workers
   * busy with it. Chaos kills never count toward `crashAttempts`, because the page did nothing
   * wrong: a chaos crawl must still return the exact site. Sparing is what guarantees progress
   * when chaos is faster than a page (a replacement worker's first, cold visit can take longer
   * than a small `chaosMs`), instead of killing the same URL forever. @default 2
   */
  chaosKillsPerUrl: number;
  /**
   * Replacement workers in a row that die before reporting ready; then the pool fails (the entry
   * cannot start at all, so restarting again would only spin). @default 5
   */
  failedStartsInRow: number;
}

export const SUPERVISION_DEFAULTS: SupervisionLimits = {
  crashAttempts: 3,
  chaosKillsPerUrl: 2,
  failedStartsInRow: 5,
};

export interface SupervisedPool {
  /**
   * Visit one URL on the next free worker. Resolves with the worker's visit, or with a record
   * whose `error` is `worker-crashed` or `aborted`; rejects only for a bug (the visit threw in the
   * worker) or if the pool itself failed (its workers cannot start).
   */
  visit(url: string, signal: AbortSignal): Promise<PageVisit>;
  /**
   * Chaos: kill one random worker busy with a URL that chaos has not yet killed
   * `chaosKillsPerUrl` times. False when there is none.
   */
  killRandomBusyWorker(): boolean;
  /** Kill every worker and resolve once all of them are gone. Pending visits end as `aborted`. */
  close(): Promise<void>;
  /** Milliseconds from the first spawn until every worker had reported ready. */
  readonly startupMs: number;
  /** Workers that died and were replaced so far. */
  readonly restarts: number;
  /** Thread or process ids of the live workers. */
  workerIds(): number[];
}

interface Job {
  url: string;
  signal: AbortSignal;
  resolve(visit: PageVisit): void;
  reject(error: Error): void;
  /** Stops watching `signal` for this job. */
  detach(): void;
  /** Id of the current attempt, sent to the worker and echoed back; 0 while queued. */
  attemptId: number;
  attemptStartedAt: number;
  /** Time spent in attempts that ended with a dead worker. */
  lostMs: number;
  crashes: number;
  chaosKills: number;
  slot?: Slot;
}

interface Slot {
  handle: WorkerHandle;
  ready: boolean;
  /** Killed or being killed: takes no new URL. */
  stopping: boolean;
  killedByChaos: boolean;
  job?: Job;
}

/**
 * Spawn `options.workers` workers in parallel and resolve once every one is ready (or as soon as
 * `options.signal` aborts). Rejects, with every worker stopped, if one dies before it is ready.
 */
export async function startSupervisedPool(transport: WorkerTransport, options: CrawlOptions, limits: SupervisionLimits = SUPERVISION_DEFAULTS): Promise<SupervisedPool> {
  // The signal cannot be cloned to a worker; aborts travel as `abort` messages instead.
  // Functions and signals stay with the coordinator: a worker gets plain, cloneable options.
  const { signal, onProgress, ...workerOptions } = options;
  // Answers carry their links relative to the crawl's origin (visit-message.ts).
  const origin = new URL(options.startUrl).origin;
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  const onAllExited: Array<() => void> = [];
  let starting = true;
  let closing = false;
  let failure: Error | undefined;
  let restarts = 0;
  let failedStarts = 0;
  let nextAttemptId = 1;
  let startupMs = 0;
  let startup: { resolve(): void; reject(error: Error): void } | undefined;

  const spawnSlot = (): void => {
    // The transport never calls these back from inside spawn(), so `slot` exists by then.
    const handle = transport.spawn({
      onMessage: (message) => onMessage(slot, message),
      onExit: (reason) => onExit(slot, reason),
    });
    const slot: Slot = { handle, ready: false, stopping: false, killedByChaos: false };
    slots.add(slot);
    handle.send({ type: 'init', version: WORKER_PROTOCOL_VERSION, options: workerOptions });
  };

  const allReady = (): boolean => {
    for (const slot of slots) if (!slot.ready) return false;
    return true;
  };

  const onMessage = (slot: Slot, message: FromWorker): void => {
    if (message.type === 'ready') {
      if (message.version !== WORKER_PROTOCOL_VERSION) {
        stop(slot);
        fail(new WorkerStartError(`a ${transport.kind} worker speaks protocol version ${String(message.version)}, this coordinator ${WORKER_PROTOCOL_VERSION}: run \`npm run build\``));
        return;
      }
      slot.ready = true;
      failedStarts = 0;
      if (starting && allReady()) finishStartup();
      dispatch();
      return;
    }
    const job = slot.job;
    // A late answer for an attempt that was already given up (aborted, or reassigned) is dropped.
    if (!job || job.attemptId !== message.id) return;
    slot.job = undefined;
    job.slot = undefined;
    if (message.type === 'failed') {
      const { name, message: text, stack } = message.error;
      const error = new Error(`${transport.kind} worker ${slot.handle.id} threw while visiting ${job.url}: ${name}: ${text}`);
      if (stack !== undefined) error.stack = `${error.message}\n-- in the worker --\n${stack}`;
      rejectJob(job, error);
    } else {
      settle(job, decodeVisit(message, job.url, origin, job.lostMs));
    }
    dispatch();
  };

  const onExit = (slot: Slot, reason: string): void => {
    slots.delete(slot);
    const job = slot.job;
    slot.job = undefined;
    if (job) requeueAfterDeath(job, slot.killedByChaos);
    if (!slot.ready && starting) {
      // Fail fast at start-up: a worker that cannot start now will not start on a retry either.
      fail(new WorkerStartError(`a ${transport.kind} worker exited before it was ready: ${reason} (run \`npm run build\` if dist/ is stale, or try fewer --workers)`));
    } else if (!closing && failure === undefined) {
      if (!slot.ready) failedStarts += 1;
      if (failedStarts >= limits.failedStartsInRow) {
        fail(new WorkerStartError(`${failedStarts} ${transport.kind} workers in a row exited before they were ready; last: ${reason}`));
      } else {
        restarts += 1;
        spawnSafely();
      }
    }
    if (slots.size === 0) for (const done of onAllExited.splice(0)) done();
    dispatch();
  };

  const spawnSafely = (): void => {
    try {
      spawnSlot();
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  };

  /** The worker holding `job` died: retry the URL first in line, or give up on it. */
  const requeueAfterDeath = (job: Job, byChaos: boolean): void => {
    job.slot = undefined;
    job.lostMs += performance.now() - job.attemptStartedAt;
    if (closing || job.signal.aborted) return settle(job, failedVisit(job, 'aborted'));
    if (byChaos) job.chaosKills += 1;
    else job.crashes += 1;
    if (job.crashes >= limits.crashAttempts) return settle(job, failedVisit(job, 'worker-crashed'));
    if (failure) return rejectJob(job, failure);
    queue.unshift(job);
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const slot = idleSlot();
      const job = slot && queue.shift();
      if (!slot || !job) return;
      job.attemptId = nextAttemptId++;
      job.attemptStartedAt = performance.now();
      job.slot = slot;
      slot.job = job;
      slot.handle.send({ type: 'visit', id: job.attemptId, url: job.url });
    }
  };

  const idleSlot = (): Slot | undefined => {
    for (const slot of slots) if (slot.ready && !slot.stopping && !slot.job) return slot;
    return undefined;
  };

  const abortJob = (job: Job): void => {
    const queued = queue.indexOf(job);
    if (queued >= 0) {
      queue.splice(queued, 1);
      settle(job, failedVisit(job, 'aborted'));
    } else if (job.slot) {
      // The worker aborts its fetch and answers with the aborted record, as the promise pool does.
      job.slot.handle.send({ type: 'abort', id: job.attemptId });
    }
  };

  const settle = (job: Job, visit: PageVisit): void => {
    job.detach();
    job.resolve(visit);
  };

  const rejectJob = (job: Job, error: Error): void => {
    job.detach();
    job.reject(error);
  };

  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    for (const job of queue.splice(0)) rejectJob(job, error);
    if (starting) {
      for (const slot of slots) stop(slot);
      startup?.reject(error);
    }
  };

  const finishStartup = (): void => {
    if (!starting) return;
    starting = false;
    startupMs = Math.round(performance.now() - startedAt);
    startup?.resolve();
  };

  const stop = (slot: Slot): void => {
    slot.stopping = true;
    slot.handle.kill();
  };

  // One abort listener per signal, not per visit: crawlLoop hands every visit the same signal,
  // and 50 listeners on one AbortSignal would trigger Node's MaxListenersExceededWarning.
  const watched = new Map<AbortSignal, { jobs: Set<Job>; onAbort(): void }>();
  const watch = (job: Job): void => {
    let entry = watched.get(job.signal);
    if (!entry) {
      const jobs = new Set<Job>();
      const onAbort = (): void => {
        for (const aborted of [...jobs]) abortJob(aborted);
      };
      entry = { jobs, onAbort };
      watched.set(job.signal, entry);
      job.signal.addEventListener('abort', onAbort, { once: true });
    }
    entry.jobs.add(job);
  };
  const unwatch = (job: Job): void => {
    const entry = watched.get(job.signal);
    if (!entry) return;
    entry.jobs.delete(job);
    if (entry.jobs.size > 0) return;
    watched.delete(job.signal);
    job.signal.removeEventListener('abort', entry.onAbort);
  };

  const allExited = (): Promise<void> => (slots.size === 0 ? Promise.resolve() : new Promise((resolve) => onAllExited.push(resolve)));

  const startedAt = performance.now();
  const ready = new Promise<void>((resolve, reject) => {
    startup = { resolve, reject };
  });
  const onStartAbort = (): void => finishStartup();
  signal?.addEventListener('abort', onStartAbort, { once: true });
  try {
    for (let i = 0; i < options.workers && failure === undefined; i++) spawnSafely();
    if (signal?.aborted) finishStartup();
    await ready;
  } catch (error) {
    await allExited();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onStartAbort);
  }

  return {
    visit(url: string, visitSignal: AbortSignal): Promise<PageVisit> {
      if (failure) return Promise.reject(failure);
      return new Promise<PageVisit>((resolve, reject) => {
        const job: Job = {
          url,
          signal: visitSignal,
          resolve,
          reject,
          detach: () => unwatch(job),
          attemptId: 0,
          attemptStartedAt: 0, // set by dispatch when an attempt starts
          lostMs: 0,
          crashes: 0,
          chaosKills: 0,
        };
        if (visitSignal.aborted || closing) return resolve(failedVisit(job, 'aborted'));
        watch(job);
        queue.push(job);
        dispatch();
      });
    },
    killRandomBusyWorker(): boolean {
      const busy = [...slots].filter((slot) => slot.job && !slot.stopping && slot.job.chaosKills < limits.chaosKillsPerUrl);
      const victim = busy[Math.floor(Math.random() * busy.length)];
      if (!victim) return false;
      victim.killedByChaos = true;
      stop(victim);
      return true;
    },
    async close(): Promise<void> {
      closing = true;
      for (const job of queue.splice(0)) settle(job, failedVisit(job, 'aborted'));
      for (const slot of slots) if (!slot.stopping) stop(slot);
      await allExited();
    },
    get startupMs() {
      return startupMs;
    },
    get restarts() {
      return restarts;
    },
    workerIds: () => [...slots].map((slot) => slot.handle.id),
  };
}

/** The record of a URL no worker could finish: no response, only the time it cost. */
function failedVisit(job: Job, error: ErrorKind): PageVisit {
  return { record: noResponseRecord(job.url, job.lostMs, error), found: [], requests: 0, skippedLongUrls: 0 };
}
