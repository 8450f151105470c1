/**
 * The worker side of the supervised pool, shared by the thread and the child-process entries: build
 * one page visitor (its own keep-alive connection), then visit one URL at a time as told.
 *
 * Nothing here catches a failure it cannot turn into data: a bug in a visit rejects, the rejection
 * is unhandled, the worker dies, and the coordinator's supervisor restarts it and retries the URL
 * ("let it crash", as in Erlang/OTP).
 */
import { createPageVisitor, type PageVisitor } from './visit-page.js';
import type { FromWorker, ToWorker, WorkerCrawlOptions } from './worker-protocol.js';

/** The worker's end of the channel to the coordinator. */
export interface ParentChannel {
  onMessage(listener: (message: ToWorker) => void): void;
  post(message: FromWorker): void;
}

export function serveVisits(channel: ParentChannel): void {
  let options: WorkerCrawlOptions | undefined;
  let visitor: PageVisitor | undefined;
  const running = new Map<number, AbortController>();

  const visit = async (id: number, url: string): Promise<void> => {
    if (!options || !visitor) throw new Error(`visit ${id} arrived before init`);
    // Fault injection (documented on CrawlOptions.crashOnUrl): die as a crashing fetch would. In
    // a worker thread process.exit() ends only this thread, in a child only this process.
    if (options.crashOnUrl && url.includes(options.crashOnUrl)) process.exit(1);
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const { record, found, requests } = await visitor.visit(url, controller.signal);
      channel.post({ type: 'visited', id, visit: { record, found, requests } });
    } finally {
      running.delete(id);
    }
  };

  channel.onMessage((message) => {
    switch (message.type) {
      case 'init':
        options = message.options;
        // One connection per worker: the worker is the unit of concurrency here.
        visitor = createPageVisitor(options, 1);
        channel.post({ type: 'ready' });
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
