/**
 * The promise-pool crawler: every visit is a promise on this one event loop, at most `workers`
 * at a time, sharing one connection pool of `workers` sockets. The baseline the thread and
 * process crawlers are measured against.
 */
import type { Crawler } from './contract.js';
import { crawlLoop } from './page/crawl-loop.js';
import { createPageVisitor } from './page/visit-page.js';

export const promisePool: Crawler = async (options) => {
  const visitor = createPageVisitor(options, options.workers);
  try {
    return await crawlLoop(options, 'promise-pool', (url, signal) => visitor.visit(url, signal));
  } finally {
    await visitor.close();
  }
};
