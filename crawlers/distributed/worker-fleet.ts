/**
 * The distributed crawler's worker processes, spread over hosts: `workers / hosts` plain `node`
 * processes per host (the first hosts take one more when it does not divide), each forked on the
 * compiled entry with only the Redis URL, the run id and its consumer name. A worker that dies
 * abnormally (a crash, chaos) is replaced on its host, as a host's supervisor would; a worker that
 * exits 0 saw the end of the crawl. A killed host stays dead: its entries are the other hosts' to
 * reclaim. The IPC channel carries only `ready` and bug reports, and its closing is what ends a
 * worker whose launcher died.
 *
 * With netns hosts each worker starts inside its host's namespace through `ip netns exec`, which
 * enters the namespace and execs node in place: the child is the worker itself (its pid, its
 * exit, a kill of it), still a child of this process with the IPC channel on the inherited fd.
 */
import { type ChildProcess, fork, type StdioOptions, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WorkerStartError } from '../../common/errors.js';
import { compiledEntryUrl } from '../supervised/compiled-entry.js';
import { SUPERVISION_DEFAULTS } from '../supervised/supervised-pool.js';
import { findIp, netnsExecCommand } from './netns/ip-command.js';
import type { FromDistributedWorker } from './work-frontier.js';

export interface FleetSpec {
  workers: number;
  hosts: number;
  redisUrl: string;
  runId: string;
  /** With netns hosts: host i's workers run in `namespaces[i]`. Undefined: every worker on this machine's network. */
  namespaces?: readonly string[];
  /** Called once if the fleet fails: a worker reported a bug, or replacements keep dying before they are ready. */
  onFailure(error: Error): void;
}

export interface LiveWorker {
  pid: number;
  host: number;
}

export interface WorkerFleet {
  /** Resolves once every first worker is ready; rejects (every worker stopped) if one exits before. */
  ready: Promise<void>;
  /** Milliseconds from the first fork until every worker was ready. */
  readonly startupMs: number;
  /** Workers that died and were replaced. */
  readonly restarts: number;
  /** Live workers not being stopped, by consumer name. */
  live(): Map<string, LiveWorker>;
  /** SIGKILLs the worker of `consumer` (chaos); it is replaced. False when there is no such live worker. */
  kill(consumer: string): boolean;
  /** SIGKILLs every worker of `host`, which is not restarted; returns how many were killed. */
  killHost(host: number): number;
  /** Stops every worker: those still running after `graceMs` (they exit on their own at the end) are killed. */
  close(graceMs: number): Promise<void>;
}

interface Worker {
  child: ChildProcess;
  consumer: string;
  host: number;
  slot: number;
  ready: boolean;
  stopping: boolean;
  exited: Promise<void>;
}

/** How many workers each host runs: `workers / hosts`, the remainder on the first hosts. */
export function hostSizes(workers: number, hosts: number): number[] {
  return Array.from({ length: hosts }, (_, host) => Math.floor(workers / hosts) + (host < workers % hosts ? 1 : 0));
}

export function startWorkerFleet(spec: FleetSpec): WorkerFleet {
  const entryPath = fileURLToPath(compiledEntryUrl('distributed-worker-entry.js', import.meta.url));
  // Plain node, as for child-processes: no execArgv and no NODE_OPTIONS (a TS loader, vitest's flags).
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const ip = spec.namespaces === undefined ? undefined : findIp();
  // fork() without execArgv is spawn(node, [entry, ...args]) with an IPC channel; the netns form
  // puts `ip netns exec <namespace>` in front of the same command.
  const startChild = (host: number, args: string[]): ChildProcess => {
    const stdio: StdioOptions = ['ignore', 'inherit', 'inherit', 'ipc'];
    if (spec.namespaces === undefined) return fork(entryPath, args, { execArgv: [], env, stdio, serialization: 'json' });
    const namespace = spec.namespaces[host];
    if (ip === undefined || namespace === undefined) throw new TypeError(`worker fleet: no network namespace for host ${host} of ${spec.hosts}`);
    const command = netnsExecCommand(ip, namespace, process.execPath, [entryPath, ...args]);
    return spawn(command.file, command.args, { env, stdio, serialization: 'json' });
  };
  const workers = new Set<Worker>();
  const deadHosts = new Set<number>();
  let generation = 0;
  let starting = true;
  let closing = false;
  let failed = false;
  let restarts = 0;
  let failedStarts = 0;
  let startupMs = 0;
  const startedAt = performance.now();
  let startup: { resolve(): void; reject(error: Error): void } = { resolve: () => undefined, reject: () => undefined };
  const ready = new Promise<void>((resolve, reject) => {
    startup = { resolve, reject };
  });
  // A launcher aborted during start-up no longer awaits `ready`; a late rejection is not unhandled.
  ready.catch(() => undefined);

  const fail = (error: Error): void => {
    if (failed) return;
    failed = true;
    if (starting) {
      for (const worker of workers) stop(worker);
      startup.reject(error);
    } else {
      spec.onFailure(error);
    }
  };

  const spawnWorker = (host: number, slot: number): void => {
    generation += 1;
    const consumer = `h${host}-w${slot}-g${generation}`;
    const child = startChild(host, [spec.redisUrl, spec.runId, consumer]);
    let onExited: () => void = () => undefined;
    const worker: Worker = { child, consumer, host, slot, ready: false, stopping: false, exited: new Promise((resolve) => (onExited = resolve)) };
    workers.add(worker);
    child.on('message', (message: FromDistributedWorker) => onMessage(worker, message));
    // A failed spawn may never emit 'exit'; other errors (a kill of a dying child) are followed by it.
    child.on('error', (error) => {
      if (child.pid === undefined) {
        workers.delete(worker);
        onExited();
        fail(new WorkerStartError(`a distributed worker failed to start: ${error.message}`));
      }
    });
    child.on('exit', (code, signal) => {
      onExited();
      onExit(worker, code, signal);
    });
  };

  const onMessage = (worker: Worker, message: FromDistributedWorker): void => {
    if (message.type === 'ready') {
      worker.ready = true;
      failedStarts = 0;
      if (starting && [...workers].every((w) => w.ready)) {
        starting = false;
        startupMs = Math.round(performance.now() - startedAt);
        startup.resolve();
      }
      return;
    }
    const { name, message: text, stack } = message.error;
    const error = new Error(`distributed worker ${worker.consumer} threw while visiting ${message.url}: ${name}: ${text}`);
    if (stack !== undefined) error.stack = `${error.message}\n-- in the worker --\n${stack}`;
    fail(error);
  };

  const onExit = (worker: Worker, code: number | null, signal: NodeJS.Signals | null): void => {
    workers.delete(worker);
    const reason = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
    if (closing || failed || worker.stopping || deadHosts.has(worker.host)) return;
    if (!worker.ready && starting) {
      fail(new WorkerStartError(`a distributed worker exited before it was ready: ${reason} (run \`npm run build\` if dist/ is stale, check that Redis is reachable, or try fewer --workers)`));
      return;
    }
    // Exit 0: the worker saw the crawl's end; nothing to replace.
    if (code === 0) return;
    if (!worker.ready) failedStarts += 1;
    if (failedStarts >= SUPERVISION_DEFAULTS.failedStartsInRow) {
      fail(new WorkerStartError(`${failedStarts} distributed workers in a row exited before they were ready; last ${reason}`));
      return;
    }
    restarts += 1;
    spawnWorker(worker.host, worker.slot);
  };

  const stop = (worker: Worker): void => {
    worker.stopping = true;
    worker.child.kill('SIGKILL');
  };

  hostSizes(spec.workers, spec.hosts).forEach((size, host) => {
    for (let slot = 0; slot < size && !failed; slot += 1) spawnWorker(host, slot);
  });

  return {
    ready,
    get startupMs() {
      return startupMs;
    },
    get restarts() {
      return restarts;
    },
    live() {
      const live = new Map<string, LiveWorker>();
      for (const worker of workers) if (!worker.stopping && worker.child.pid !== undefined) live.set(worker.consumer, { pid: worker.child.pid, host: worker.host });
      return live;
    },
    kill(consumer) {
      const worker = [...workers].find((w) => w.consumer === consumer && !w.stopping);
      if (worker === undefined) return false;
      // Not `stop()`: a chaos kill is a death the host replaces.
      worker.child.kill('SIGKILL');
      return true;
    },
    killHost(host) {
      deadHosts.add(host);
      const victims = [...workers].filter((w) => w.host === host && !w.stopping);
      for (const worker of victims) stop(worker);
      return victims.length;
    },
    async close(graceMs) {
      closing = true;
      const all = [...workers];
      const timer = setTimeout(() => {
        for (const worker of all) stop(worker);
      }, graceMs);
      if (graceMs <= 0) for (const worker of all) stop(worker);
      await Promise.all(all.map((worker) => worker.exited));
      clearTimeout(timer);
    },
  };
}
