/**
 * A page's links: the `href`s of its `<a>` tags (scan-hrefs.ts, which reads HTML as htmlparser2's
 * tokenizer does, so links inside comments, scripts and attribute values that merely look like
 * tags are ignored and entities such as `&amp;` are decoded), resolved and kept in scope.
 *
 * Per-page CPU matters here: at 10 workers a crawl round is 10 pages answering together and the
 * next round starts only once they are parsed, so each millisecond per page stretches every 50 ms
 * round by ~10 ms. Figures: the README's "Link extraction".
 */
import { linkBase, resolveLink } from './resolve-link.js';
import { scanHrefs, type ScannedHrefs } from './scan-hrefs.js';

/**
 * Distinct normalized URLs of `origin` linked from `html` by `<a href>`, in document order.
 * Relative links resolve against the first `<base href>` in the document when it has a valid
 * one (wherever it appears, as browsers do), else against `pageUrl`.
 */
export function extractLinks(html: string, pageUrl: string, origin: string): string[] {
  return resolveLinks(scanHrefs(html), pageUrl, origin);
}

/** The in-scope normalized URLs of a page's scanned `href`s, distinct, in document order. */
export function resolveLinks({ anchors, baseHref }: ScannedHrefs, pageUrl: string, origin: string): string[] {
  const baseUrl = (baseHref === undefined ? null : parseBase(baseHref, pageUrl)) ?? new URL(pageUrl);
  const base = linkBase(baseUrl, origin);
  const found = new Set<string>();
  for (const href of anchors) {
    const url = resolveLink(href, base);
    if (url !== null) found.add(url);
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
