/**
 * Entry point of one worker thread of the `worker-threads` crawler (run from dist/ by
 * `thread-transport.ts`). Its side effect on load is the point: serve visits to the parent.
 */
import { parentPort } from 'node:worker_threads';
import { serveVisits } from './serve-visits.js';

const port = parentPort;
if (!port) throw new Error('worker-threads-entry.js runs only as a worker thread of the worker-threads crawler');
serveVisits({
  onMessage: (listener) => port.on('message', listener),
  post: (message) => port.postMessage(message),
});
