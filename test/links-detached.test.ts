import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../crawlers/page/extract-links.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('extractLinks', () => {
  it('returns links that do not keep their page alive', () => {
    // 200 pages of 100 KB each, 10 links apiece: the links the frontier keeps are ~100 KB in
    // all, the pages 20 MB.
    const filler = 'lorem ipsum dolor sit amet '.repeat(3_700);
    const kept: string[][] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let page = 0; page < 200; page += 1) {
      let html = `<!doctype html><p>${filler}${page}</p>`;
      for (let k = 0; k < 5; k += 1) html += `<a href="/docs/section-${page}/page-${k}/">x</a><a href="../other-${page}-${k}.html">y</a>`;
      kept.push(extractLinks(html, `http://127.0.0.1:9/docs/page-${page}/`, 'http://127.0.0.1:9'));
    }
    gc();
    const retainedMiB = (process.memoryUsage().heapUsed - before) / 1048576;
    expect(kept.flat()).toHaveLength(2_000);
    expect(kept[0]).toContain('http://127.0.0.1:9/docs/section-0/page-0/');
    // The pages are 20 MiB; links that were views into them would keep all of it.
    expect(retainedMiB).toBeLessThan(4);
  });
});
