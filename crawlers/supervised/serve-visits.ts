/**
 * The worker side of the supervised pool, shared by the thread and the child-process entries: build
 * one page visitor (its own keep-alive connection), then visit one URL at a time as told.
 *
 * A visit that throws is a bug (network trouble is a record, never an exception), so it is sent
 * back as `failed` and fails the crawl, as in the promise pool; were the worker left to die
 * instead, supervision would retry the bug and hide it behind `worker-crashed` records. Deaths
 * that are not exceptions (`process.exit`, a signal, out of memory) are what the supervisor
 * restarts.
 */
import { createPageVisitor, type PageVisitor } from '../page/visit-page.js';
import { createVisitEncoder, type VisitEncoder } from './visit-message.js';
import { type FromWorker, type ToWorker, WORKER_PROTOCOL_VERSION, type WorkerCrawlOptions } from './worker-protocol.js';

/** The worker's end of the channel to the coordinator. */
export interface ParentChannel {
  onMessage(listener: (message: ToWorker) => void): void;
  post(message: FromWorker): void;
}

export function serveVisits(channel: ParentChannel): void {
  let options: WorkerCrawlOptions | undefined;
  let visitor: PageVisitor | undefined;
  let encode: VisitEncoder | undefined;
  const running = new Map<number, AbortController>();

  const visit = async (id: number, url: string): Promise<void> => {
    if (!options || !visitor || !encode) throw new Error(`visit ${id} arrived before init`);
    // Fault injection (documented on CrawlOptions.crashOnUrl): die as a crashing fetch would. In
    // a worker thread process.exit() ends only this thread, in a child only this process.
    if (options.crashOnUrl && url.includes(options.crashOnUrl)) process.exit(1);
    const controller = new AbortController();
    running.set(id, controller);
    try {
      channel.post(encode(id, await visitor.visit(url, controller.signal)));
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      channel.post({ type: 'failed', id, error: { name: error.name, message: error.message, stack: error.stack } });
    } finally {
      running.delete(id);
    }
  };

  channel.onMessage((message) => {
    switch (message.type) {
      case 'init':
        // Thrown, not answered: the worker dies before `ready`, and the pool fails its start-up
        // with this message (a thread's error, a child's stderr).
        if (message.version !== WORKER_PROTOCOL_VERSION) {
          throw new Error(`worker speaks protocol version ${WORKER_PROTOCOL_VERSION}, the coordinator sent ${String(message.version)}: run \`npm run build\``);
        }
        options = message.options;
        // One connection per worker: the worker is the unit of concurrency here.
        visitor = createPageVisitor(options, 1);
        encode = createVisitEncoder(new URL(options.startUrl).origin);
        channel.post({ type: 'ready', version: WORKER_PROTOCOL_VERSION });
        return;
      case 'visit':
        void visit(message.id, message.url);
        return;
      case 'abort':
        running.get(message.id)?.abort();
        return;
    }
  });
}
