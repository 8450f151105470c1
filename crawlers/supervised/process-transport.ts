/**
 * Runs supervised workers as child processes: `child_process.fork` of plain `node`, one process
 * per worker, messages as JSON over the IPC channel.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledEntryUrl } from './worker-bundle.js';
import type { FromWorker } from './worker-protocol.js';
import type { WorkerEvents, WorkerHandle, WorkerTransport } from './worker-transport.js';

/** Resolves the bundled entry once per crawl (throws `StaleBuildError` if it is missing or stale). */
export function createProcessTransport(): WorkerTransport {
  const entryPath = fileURLToPath(bundledEntryUrl('child-process-entry.js', import.meta.url));
  // Plain node: no execArgv (vitest's or a TS loader's flags) and no NODE_OPTIONS, which could
  // carry `--import tsx` or similar into every measured child.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return {
    kind: 'process',
    spawn(events: WorkerEvents): WorkerHandle {
      const child = fork(entryPath, [], {
        execArgv: [],
        env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'json',
      });
      let exited = false;
      const exit = (reason: string): void => {
        if (exited) return;
        exited = true;
        events.onExit(reason);
      };
      child.on('message', (message) => {
        if (!exited) events.onMessage(message as FromWorker);
      });
      child.on('error', (error) => {
        // A failed spawn has no pid and may never emit 'exit'. Other errors (a failed kill or
        // send to a dying child) are followed by 'exit', which the pool acts on.
        if (child.pid === undefined) exit(`process failed to start (${error.message})`);
      });
      child.on('exit', (code, signal) => {
        exit(`process ${child.pid ?? '?'} exited with ${signal ?? `code ${code ?? '?'}`}`);
      });
      return {
        id: child.pid ?? -1,
        send(message) {
          if (exited || !child.connected) return;
          // A send that races the child's death fails here; its 'exit' follows and requeues the URL.
          child.send(message, () => undefined);
        },
        kill: () => void child.kill('SIGKILL'),
      };
    },
  };
}
