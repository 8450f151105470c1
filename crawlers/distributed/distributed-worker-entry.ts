/**
 * Entry point of one worker process of the `distributed` crawler (forked from dist/ by
 * `worker-fleet.ts` with the Redis URL, the run id and its consumer name as arguments). Its side
 * effects on load are the point: work the run's frontier until the crawl is over.
 */
import { type FromDistributedWorker, workFrontier } from './work-frontier.js';

const send = process.send?.bind(process);
if (!send) throw new Error('distributed-worker-entry.js runs only as a forked worker of the distributed crawler');
const [redisUrl, runId, consumer] = process.argv.slice(2);
if (redisUrl === undefined || runId === undefined || consumer === undefined) throw new Error('usage: distributed-worker-entry.js REDIS_URL RUN_ID CONSUMER');

// The IPC channel closes when the launcher exits for any reason, SIGKILL included: leave no orphan.
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group; the launcher turns it into an abort and stops its
// workers itself.
process.on('SIGINT', () => undefined);

// Sends are asynchronous: the exit after a bug report waits until the report is out.
let flushed = Promise.resolve();
const post = (message: FromDistributedWorker): void => {
  flushed = flushed.then(() => new Promise<void>((resolve) => send(message, () => resolve())));
};
workFrontier({ redisUrl, runId, consumer }, post).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`distributed worker ${consumer}: ${error instanceof Error ? error.message : String(error)}\n`);
    void flushed.finally(() => process.exit(1));
  },
);
