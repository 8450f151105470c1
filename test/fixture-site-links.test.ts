/**
 * The ground truth's link graph is what an HTML parser finds on the served pages: for every page,
 * the distinct same-origin `<a href>` targets (resolved against `<base>`, without query and
 * fragment) equal `truth.linksOf(path)`, in document order, with both parsers cheerio offers.
 */
import { load as loadParse5 } from 'cheerio';
import { load as loadHtmlparser2 } from 'cheerio/slim';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFixtureOptions } from '../fixtures/fixture-options.js';
import { createSite } from '../fixtures/site.js';
import { SPECIAL_PATHS } from '../fixtures/special-pages.js';
import type { FixtureServer } from '../fixtures/server.js';
import { fixtureServers } from './helpers/fixture-servers.js';

type Load = typeof loadParse5;

/** What a crawler finds on a page: distinct in-scope paths, query and fragment dropped. */
function linkedPaths(load: Load, html: string, pageUrl: string): string[] {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = baseHref === undefined ? pageUrl : new URL(baseHref, pageUrl).href;
  const origin = new URL(pageUrl).origin;
  const found = new Set<string>();
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href') ?? '';
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return;
    }
    if (url.origin === origin) found.add(url.pathname);
  });
  return [...found];
}

const HTML_KINDS = new Set(['content', 'home', 'html', 'flaky']);
const MIN_PAGE_BYTES = 15_000;
const MAX_PAGE_BYTES = 40 * 1024;

describe('fixture pages link exactly as the ground truth says', () => {
  const fixtures = fixtureServers();
  let server: FixtureServer;
  beforeAll(async () => {
    server = await fixtures.start({ pages: 127, faults: true });
  });
  afterAll(() => fixtures.closeAll());

  it('every served HTML page links to exactly its truth targets, with both parsers', async () => {
    let checked = 0;
    for (const page of server.truth.pages) {
      if (page.path.startsWith('/faults/') || page.status !== 200 || page.path === SPECIAL_PATHS.pdf) continue;
      const url = server.origin + page.path;
      let response = await request(url);
      if (response.statusCode === 503) {
        await response.body.dump();
        response = await request(url);
      }
      expect(response.statusCode, page.path).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const html = await response.body.text();
      const expected = server.truth.linksOf(page.path);
      expect(linkedPaths(loadHtmlparser2, html, url), `htmlparser2 on ${page.path}`).toEqual(expected);
      expect(linkedPaths(loadParse5, html, url), `parse5 on ${page.path}`).toEqual(expected);
      const bytes = Buffer.byteLength(html);
      expect(bytes, page.path).toBeGreaterThanOrEqual(MIN_PAGE_BYTES);
      expect(bytes, page.path).toBeLessThanOrEqual(MAX_PAGE_BYTES);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('redirects point where the truth says, and /leave points off-site', async () => {
    for (const path of [SPECIAL_PATHS.chainStart, SPECIAL_PATHS.chainMiddle, SPECIAL_PATHS.loopA, SPECIAL_PATHS.loopB, SPECIAL_PATHS.offsiteRedirect]) {
      const response = await request(server.origin + path);
      await response.body.dump();
      const location = String(response.headers.location);
      const target = new URL(location, server.origin + path);
      const inScope = target.origin === server.origin ? [target.pathname] : [];
      expect(inScope, path).toEqual(server.truth.linksOf(path));
    }
  });

  it('the base-element page only reaches its targets through <base>', async () => {
    const url = server.origin + SPECIAL_PATHS.baseDemo;
    const html = await (await request(url)).body.text();
    const withoutBase = linkedPaths(loadHtmlparser2, html.replace(/<base [^>]*>/, ''), url);
    expect(withoutBase).not.toContain(SPECIAL_PATHS.baseOne);
    expect(server.truth.linksOf(SPECIAL_PATHS.baseDemo)).toContain(SPECIAL_PATHS.baseOne);
  });

  it('the home page carries each link edge case', async () => {
    const html = await (await request(server.startUrl)).body.text();
    for (const needle of [
      '<A HREF=/docs/',
      '#getting-started"',
      '?x=1"',
      'href="./docs/',
      'href="http://example.invalid/',
      'href="https://127.0.0.2/',
      'href="mailto:',
      'href="tel:',
      'href="javascript:',
      '<!-- Old menu',
      'href="/trap/script"',
      '/search?a=1&amp;b=2',
      `href="${SPECIAL_PATHS.xss}"`,
      `href="${server.origin}/docs/"`,
    ]) {
      expect(html, needle).toContain(needle);
    }
    const xss = await (await request(server.origin + SPECIAL_PATHS.xss)).body.text();
    expect(loadParse5(xss)('title').text()).toBe('</script><img src=x onerror=alert(1)>');
    expect(loadHtmlparser2(xss)('title').text()).toBe('</script><img src=x onerror=alert(1)>');
  });
});

describe('fixture pages at scale', () => {
  it('a sample of a 5 000-page site links as its truth says and stays within 15–40 KB', () => {
    const site = createSite(resolveFixtureOptions({ pages: 5_000, seed: 3 }));
    const origin = 'http://127.0.0.1:9';
    const inTruth = new Set<number>();
    for (let node = 0; node < site.nodeCount; node += 37) {
      const described = site.describe(node);
      if (!HTML_KINDS.has(described.kind)) continue;
      const url = origin + described.path;
      const html = site.html(node, origin);
      const expected = [...new Set(site.linksOf(node).map((target) => site.describe(target).path))];
      expect(linkedPaths(loadHtmlparser2, html, url), described.path).toEqual(expected);
      expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(MIN_PAGE_BYTES);
      expect(Buffer.byteLength(html)).toBeLessThanOrEqual(MAX_PAGE_BYTES);
      inTruth.add(node);
    }
    expect(inTruth.size).toBeGreaterThan(100);
  });
});
