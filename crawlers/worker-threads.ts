/**
 * The `worker-threads` crawler: W worker_threads in this process, each visiting one URL at a time
 * over its own keep-alive connection, supervised by the coordinator (`supervised-pool.ts`).
 */
import type { Crawler } from './contract.js';
import { supervisedCrawler } from './supervised/supervised-crawler.js';
import { createThreadTransport } from './supervised/thread-transport.js';

export const workerThreads: Crawler = supervisedCrawler('worker-threads', createThreadTransport);
