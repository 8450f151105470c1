/**
 * Entry point of one child process of the `child-processes` crawler (forked from dist/ by
 * `process-transport.ts`). Its side effects on load are the point: serve visits to the parent.
 */
import { serveVisits } from './serve-visits.js';

const send = process.send?.bind(process);
if (!send) throw new Error('child-process-entry.js runs only as a forked child of the child-processes crawler');

// The IPC channel closes when the parent exits for any reason, SIGKILL included: leave no orphan.
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group. The parent turns it into an abort and stops its
// children itself, so every in-flight page ends as `aborted` rather than as a crash; if the parent
// dies instead, 'disconnect' above still ends this process.
process.on('SIGINT', () => undefined);

serveVisits({
  onMessage: (listener) => process.on('message', listener),
  post: (message) => {
    send(message);
  },
});
