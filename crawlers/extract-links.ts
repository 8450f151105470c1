/**
 * Link extraction with a real HTML parser, so links inside comments, scripts and attribute
 * values that merely look like tags are ignored, and entities (`&amp;`) are decoded.
 *
 * `cheerio/slim` (htmlparser2) rather than the default `cheerio` (parse5): on fixture-like 30 KB
 * pages it was several times faster (see `scripts/bench-extract.ts` and the numbers in the
 * crawl core report); both parse `<a href>`, `<base href>`, comments and raw-text elements the
 * same way for the pages a crawler meets.
 */
import { load } from 'cheerio/slim';
import { parseHttpUrl } from './normalize-url.js';

/**
 * Distinct normalized URLs of `origin` linked from `html` by `<a href>`, in document order.
 * Relative links resolve against the first `<base href>` when the page has a valid one (as
 * browsers do), else against `pageUrl`.
 */
export function extractLinks(html: string, pageUrl: string, origin: string): string[] {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref === undefined ? null : parseBase(baseHref, pageUrl)) ?? pageUrl;
  const scope = new URL(origin).origin;
  const found = new Set<string>();
  for (const element of $('a[href]')) {
    const href = element.attribs.href;
    if (href === undefined) continue;
    const url = parseHttpUrl(href, base);
    if (url !== null && url.origin === scope) found.add(url.href);
  }
  return [...found];
}

/** An unparseable `<base href>` is ignored, as browsers fall back to the document URL. */
function parseBase(href: string, pageUrl: string): URL | null {
  try {
    return new URL(href, pageUrl);
  } catch {
    return null;
  }
}
