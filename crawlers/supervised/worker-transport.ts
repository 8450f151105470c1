/**
 * How the supervised pool starts, talks to and kills one worker, without knowing whether it is a
 * thread or a child process. The pool holds the supervision logic once; `thread-transport.ts`
 * and `process-transport.ts` are the two small ways to run it.
 */
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** What a transport reports about one worker it started. */
export interface WorkerEvents {
  /** A message from the worker. Never called after `onExit`. */
  onMessage(message: FromWorker): void;
  /**
   * The worker is gone (clean exit, crash, `process.exit`, signal, OOM, failed start or our own
   * `kill()`). Called exactly once per worker; `reason` is a short text for diagnostics.
   */
  onExit(reason: string): void;
}

/** One running worker. */
export interface WorkerHandle {
  /** Thread id or process id, for diagnostics and process-table checks. */
  readonly id: number;
  /** Send one message. Sending to a worker that is dying is harmless: `onExit` follows. */
  send(message: ToWorker): void;
  /** Stop the worker at once (`terminate()` / SIGKILL); `onExit` follows. */
  kill(): void;
}

export interface WorkerTransport {
  /** `thread` or `process`, used in messages. */
  readonly kind: string;
  /**
   * Start one worker. It answers `ready` once it has received `init`. The events are never called
   * from inside `spawn()` itself, only later.
   */
  spawn(events: WorkerEvents): WorkerHandle;
}
