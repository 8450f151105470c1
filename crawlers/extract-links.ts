/**
 * Link extraction with a real HTML parser, so links inside comments, scripts and attribute
 * values that merely look like tags are ignored, and entities (`&amp;`) are decoded.
 *
 * The parser is htmlparser2 — the one `cheerio/slim` wraps — driven through its SAX-style
 * callbacks instead of through a cheerio document. Measured on fixture-like 27 KB pages
 * (`node dist/scripts/bench-extract.js`), default `cheerio` (parse5) was ~4× slower than
 * `cheerio/slim`, and `cheerio/slim` ~3-5× slower than these callbacks, which build no DOM and
 * leave almost no garbage. That per-page CPU matters: at 10 workers a crawl round is 10 pages
 * answering together, and the next round starts only after they are parsed, so every
 * millisecond per page adds ~10 ms per 50 ms round. Same tokenizer, so the same links:
 * lower-cased tag and attribute names, raw-text `<script>`/`<style>`/`<title>`/`<textarea>`.
 */
import { Parser } from 'htmlparser2';
import { parseHttpUrl } from './normalize-url.js';

/**
 * Distinct normalized URLs of `origin` linked from `html` by `<a href>`, in document order.
 * Relative links resolve against the first `<base href>` in the document when it has a valid
 * one (wherever it appears, as browsers do), else against `pageUrl`.
 */
export function extractLinks(html: string, pageUrl: string, origin: string): string[] {
  const hrefs: string[] = [];
  let baseHref: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const href = attributes.href;
        if (href === undefined) return;
        if (name === 'a') hrefs.push(href);
        else if (name === 'base') baseHref ??= href;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);

  const base = (baseHref === undefined ? null : parseBase(baseHref, pageUrl)) ?? pageUrl;
  const scope = new URL(origin).origin;
  const found = new Set<string>();
  for (const href of hrefs) {
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
