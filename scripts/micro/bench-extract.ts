/**
 * `npm run bench:extract`: how fast can links be extracted from fixture-like pages?
 * Four ways, each producing the same normalized links (checked before timing):
 * - default `cheerio` (parse5, spec-exact tree building) plus a `a[href]` selection;
 * - `cheerio/slim` (htmlparser2 building a DOM) plus the same selection;
 * - htmlparser2's Tokenizer with no DOM (crawlers/page/tokenizer-hrefs.ts, the crawlers' way until issue 14);
 * - the `indexOf` scanner that reads HTML by the tokenizer's rules (scan-hrefs.ts), what the crawlers do.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { load as loadParse5 } from 'cheerio';
import { load as loadSlim } from 'cheerio/slim';
import { Bench } from 'tinybench';
import { extractLinks, resolveLinks } from '../../crawlers/page/extract-links.js';
import { tokenizerHrefs } from '../../crawlers/page/tokenizer-hrefs.js';
import { parseHttpUrl } from '../../crawlers/page/normalize-url.js';
import { createTextPool, renderPage, type TextPool } from '../../fixtures/page-html.js';
import { seededRandom } from '../../common/seeded-random.js';
import { runCli } from '../../cli/run-cli.js';

const ORIGIN = 'http://127.0.0.1:8080';
const PAGE_URL = `${ORIGIN}/docs/routing-3/cache-12`;

type Extract = (html: string) => string[];

const USAGE = `usage: npm run bench:extract

Times link extraction on 16 fixture-like pages four ways (cheerio, cheerio/slim, htmlparser2's
tokenizer, and the indexOf scanner the crawlers use), after checking that all four find the same
links.`;

await runCli('bench-extract', async (argv) => {
  const { values } = parseArgs({ args: argv, strict: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const pool = createTextPool(1);
  const pages = Array.from({ length: 16 }, (_, i) => fixtureLikePage(pool, i));
  const meanBytes = pages.reduce((sum, page) => sum + page.length, 0) / pages.length;
  const variants: Array<[string, Extract]> = [
    ['cheerio (parse5 DOM) + a[href]', (html) => viaCheerio(loadParse5, html)],
    ['cheerio/slim (htmlparser2 DOM) + a[href]', (html) => viaCheerio(loadSlim, html)],
    ['htmlparser2 Tokenizer, no DOM', (html) => resolveLinks(tokenizerHrefs(html), PAGE_URL, ORIGIN)],
    ['indexOf scanner (extractLinks)', (html) => extractLinks(html, PAGE_URL, ORIGIN)],
  ];
  for (const page of pages) {
    const [first, ...others] = variants.map(([, extract]) => extract(page));
    if (!others.every((links) => isDeepStrictEqual(links, first))) throw new Error('the variants disagree on a page; fix them before timing');
  }

  const bench = new Bench({ time: 2000, warmupTime: 300 });
  for (const [name, extract] of variants) {
    let next = 0;
    bench.add(name, () => {
      next += 1;
      return extract(pages[next % pages.length] ?? '');
    });
  }
  await bench.run();

  process.stdout.write(`${pages.length} fixture-like pages, mean ${(meanBytes / 1024).toFixed(1)} KiB, Node ${process.version}\n`);
  for (const task of bench.tasks) {
    const result = task.result;
    if (result === undefined || !('latency' in result)) continue;
    process.stdout.write(
      // The median resists the other processes sharing the machine better than the mean.
      `${task.name.padEnd(46)} median ${(result.latency.p50 ?? Number.NaN).toFixed(3)} ms/page, ` +
        `mean ${result.latency.mean.toFixed(3)} ms ±${result.latency.rme.toFixed(1)}% (${result.latency.samples.length} samples)\n`,
    );
  }
});

/** The cheerio way, with the same base handling and normalization as extractLinks. */
function viaCheerio(load: typeof loadSlim, html: string): string[] {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref === undefined ? null : parseHttpUrl(baseHref, PAGE_URL)) ?? PAGE_URL;
  const found = new Set<string>();
  for (const element of $('a[href]')) {
    const url = element.attribs.href === undefined ? null : parseHttpUrl(element.attribs.href, base);
    if (url !== null && url.origin === ORIGIN) found.add(url.href);
  }
  return [...found];
}

/** A page shaped like the fixture's: layout, ~30 nav links, body links spread through the prose. */
function fixtureLikePage(pool: TextPool, index: number): string {
  const random = seededRandom(7, 'bench', index);
  const navLinks = Array.from({ length: 30 }, (_, i) => `<a href="/docs/section-${i}/">Section ${i}</a>`);
  const bodyLinks = Array.from({ length: 8 }, (_, i) => `<p>See also <a href="../page-${random.int(500)}#part-${i}">page</a>.</p>`);
  return renderPage({ title: `Page ${index}`, nav: `<nav class="site">${navLinks.join('')}</nav>`, blocks: bodyLinks }, pool, random);
}
