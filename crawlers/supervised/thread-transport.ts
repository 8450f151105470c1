/**
 * Runs supervised workers as worker_threads: one V8 isolate and event loop per worker inside this
 * process, messages by structured clone.
 */
import { Worker } from 'node:worker_threads';
import { bundledEntryUrl } from './worker-bundle.js';
import type { FromWorker } from './worker-protocol.js';
import type { WorkerEvents, WorkerHandle, WorkerTransport } from './worker-transport.js';

/** Resolves the bundled entry once per crawl (throws `StaleBuildError` if it is missing or stale). */
export function createThreadTransport(): WorkerTransport {
  const entry = bundledEntryUrl('worker-threads-entry.js', import.meta.url);
  return {
    kind: 'thread',
    spawn(events: WorkerEvents): WorkerHandle {
      // execArgv: [] so the parent's flags (a TS loader, vitest's options) never reach the worker.
      const worker = new Worker(entry, { execArgv: [] });
      let exited = false;
      let lastError = '';
      worker.on('message', (message: FromWorker) => {
        if (!exited) events.onMessage(message);
      });
      // An uncaught exception in the worker: Node terminates it and always emits 'exit' next.
      worker.on('error', (error: Error) => {
        lastError = error.message;
      });
      worker.on('exit', (code: number) => {
        exited = true;
        events.onExit(`thread ${worker.threadId} exited with code ${code}${lastError ? ` (${lastError})` : ''}`);
      });
      return {
        id: worker.threadId,
        send: (message) => worker.postMessage(message),
        // terminate() resolves with the exit code once the thread is gone; 'exit' reports it.
        kill: () => void worker.terminate(),
      };
    },
  };
}
