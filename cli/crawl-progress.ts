/**
 * A one-line live progress display for `npm run crawl` on a terminal, so a long crawl of a real
 * site never looks hung. Redrawn at most every 100 ms: a fast crawl records thousands of pages a
 * second and the terminal is not the thing being measured.
 */
import type { CrawlProgress } from '../crawlers/contract.js';

const REDRAW_MS = 100;

export function createCrawlProgress(stream: NodeJS.WriteStream): { onProgress: (progress: CrawlProgress) => void; clear: () => void } {
  let lastDrawMs = 0;
  let drawn = false;
  return {
    onProgress(progress) {
      const now = performance.now();
      if (now - lastDrawMs < REDRAW_MS) return;
      lastDrawMs = now;
      drawn = true;
      stream.write(`\r\x1b[2Kcrawl: ${progress.pages} pages, ${progress.queued} queued, ${progress.inFlight} in flight, ${progress.errors} errors`);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
