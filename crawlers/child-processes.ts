/**
 * The `child-processes` crawler: W forked `node` processes, each visiting one URL at a time over its
 * own keep-alive connection, supervised by the coordinator (`supervised-pool.ts`).
 */
import type { Crawler } from './contract.js';
import { supervisedCrawler } from './supervised/supervised-crawler.js';
import { createProcessTransport } from './supervised/process-transport.js';

export const childProcesses: Crawler = supervisedCrawler('child-processes', createProcessTransport);
