/**
 * `node dist/scripts/bench-extract.js`: which cheerio entry point extracts links faster from
 * fixture-like pages — the default `cheerio` (parse5, spec-exact tree building) or `cheerio/slim`
 * (htmlparser2, a tokenizer with a light tree builder)? crawlers/extract-links.ts uses the winner.
 */
import { load as loadParse5 } from 'cheerio';
import { load as loadSlim } from 'cheerio/slim';
import { Bench } from 'tinybench';
import { extractLinks } from '../crawlers/extract-links.js';
import { createTextPool, renderPage } from '../fixtures/page-html.js';
import { seededRandom } from '../fixtures/seeded-random.js';
import { runCli } from './run-cli.js';

const ORIGIN = 'http://127.0.0.1:8080';
const PAGE_URL = `${ORIGIN}/docs/routing-3/cache-12`;

await runCli('bench-extract', async () => {
  const pool = createTextPool(1);
  const pages = Array.from({ length: 16 }, (_, i) => fixtureLikePage(pool, i));
  const meanBytes = pages.reduce((sum, page) => sum + page.length, 0) / pages.length;
  let next = 0;
  const nextPage = (): string => pages[(next += 1) % pages.length] ?? '';

  const bench = new Bench({ time: 2000, warmupTime: 300 });
  bench
    .add('cheerio (parse5)', () => {
      const $ = loadParse5(nextPage());
      let count = 0;
      for (const element of $('a[href]')) if (element.attribs.href !== undefined) count += 1;
      return count;
    })
    .add('cheerio/slim (htmlparser2)', () => {
      const $ = loadSlim(nextPage());
      let count = 0;
      for (const element of $('a[href]')) if (element.attribs.href !== undefined) count += 1;
      return count;
    })
    .add('extractLinks (slim + base + normalize + dedupe)', () => extractLinks(nextPage(), PAGE_URL, ORIGIN).length);
  await bench.run();

  process.stdout.write(`${pages.length} fixture-like pages, mean ${(meanBytes / 1024).toFixed(1)} KiB, Node ${process.version}\n`);
  for (const task of bench.tasks) {
    const result = task.result;
    if (result === undefined || !('latency' in result)) continue;
    process.stdout.write(
      // The median resists the other processes sharing the machine better than the mean.
      `${task.name.padEnd(48)} median ${(result.latency.p50 ?? Number.NaN).toFixed(3)} ms/page, ` +
        `mean ${result.latency.mean.toFixed(3)} ms ±${result.latency.rme.toFixed(1)}% (${result.latency.samples.length} samples)\n`,
    );
  }
});

/** A page shaped like the fixture's: layout, ~30 nav links, body links spread through the prose. */
function fixtureLikePage(pool: ReturnType<typeof createTextPool>, index: number): string {
  const random = seededRandom(7, 'bench', index);
  const navLinks = Array.from({ length: 30 }, (_, i) => `<a href="/docs/section-${i}/">Section ${i}</a>`);
  const bodyLinks = Array.from({ length: 8 }, (_, i) => `<p>See also <a href="../page-${random.int(500)}#part-${i}">page</a>.</p>`);
  return renderPage({ title: `Page ${index}`, nav: `<nav class="site">${navLinks.join('')}</nav>`, blocks: bodyLinks }, pool, random);
}
