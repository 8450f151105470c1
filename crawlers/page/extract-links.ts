/**
 * Link extraction with a real HTML tokenizer, so links inside comments, scripts and attribute
 * values that merely look like tags are ignored, and entities (`&amp;`) are decoded.
 *
 * The tokenizer is htmlparser2's — the one `cheerio/slim` builds its DOM with — driven directly
 * through its index-based callbacks. Nothing is sliced out of the page except `href` values of
 * `<a>` and `<base>`: no DOM, no tag-name or text strings. Measured on fixture-like 27 KB pages
 * (`npm run bench:extract`, figures in the README's "Link extraction") the default `cheerio`
 * (parse5) is the slowest, `cheerio/slim` several times faster, and this several times faster
 * again while allocating a fraction of the garbage. Per-page CPU matters here: at 10 workers a
 * crawl round is 10 pages answering together and the next round starts only once they are
 * parsed, so each millisecond per page stretches every 50 ms round by ~10 ms.
 *
 * Same tokenizer, same links as htmlparser2's Parser: tag and attribute names are compared
 * case-insensitively, `<script>`, `<style>`, `<title>`, `<textarea>` and `<xmp>` are raw text,
 * comments are skipped, a repeated attribute keeps its first value, `<a/>` counts as an open tag.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { parseHttpUrl } from './normalize-url.js';

const NOT_A_LINK = 0;
const ANCHOR = 1;
const BASE = 2;

/**
 * Distinct normalized URLs of `origin` linked from `html` by `<a href>`, in document order.
 * Relative links resolve against the first `<base href>` in the document when it has a valid
 * one (wherever it appears, as browsers do), else against `pageUrl`.
 */
export function extractLinks(html: string, pageUrl: string, origin: string): string[] {
  const hrefs: string[] = [];
  let baseHref: string | undefined;
  // The open tag being read: which kind it is, its href once complete, and the href in progress.
  let tag = NOT_A_LINK;
  let tagHref: string | undefined;
  let readingHref = false;
  let value = '';
  const endTag = (): void => {
    if (tagHref !== undefined) {
      if (tag === ANCHOR) hrefs.push(tagHref);
      else baseHref ??= tagHref;
    }
    tag = NOT_A_LINK;
    tagHref = undefined;
  };
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, endIndex) {
      tag = tagKind(html, start, endIndex);
      tagHref = undefined;
    },
    onattribname(start, endIndex) {
      // Only the first href of a tag counts, as in the DOM.
      readingHref = tag !== NOT_A_LINK && tagHref === undefined && isHref(html, start, endIndex);
      value = '';
    },
    onattribdata(start, endIndex) {
      if (readingHref) value += html.slice(start, endIndex);
    },
    onattribentity(codepoint) {
      if (readingHref) value += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (readingHref) tagHref = value;
      readingHref = false;
    },
    onopentagend: endTag,
    onselfclosingtag: endTag,
    oncdata: ignore,
    onclosetag: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onprocessinginstruction: ignore,
    ontext: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  // One write: the callbacks' indices are then positions in `html`.
  tokenizer.write(html);
  tokenizer.end();

  const base = (baseHref === undefined ? null : parseBase(baseHref, pageUrl)) ?? pageUrl;
  // A normalized http(s) URL has no credentials, so it is in scope exactly when its href starts
  // with the origin and a slash; comparing that avoids building an origin string per link.
  const scopePrefix = `${new URL(origin).origin}/`;
  const found = new Set<string>();
  for (const href of hrefs) {
    const url = parseHttpUrl(href, base)?.href;
    if (url?.startsWith(scopePrefix)) found.add(url);
  }
  return [...found];
}

function ignore(): void {}

/** `a` or `base` in any letter case, compared in place rather than sliced and lower-cased. */
function tagKind(html: string, start: number, end: number): number {
  const length = end - start;
  if (length === 1 && (html.charCodeAt(start) | 0x20) === 0x61) return ANCHOR;
  if (length === 4 && matchesLowerCase(html, start, 'base')) return BASE;
  return NOT_A_LINK;
}

function isHref(html: string, start: number, end: number): boolean {
  return end - start === 4 && matchesLowerCase(html, start, 'href');
}

/** Whether the letters at `start` spell `word` (lower-case ASCII letters) in any case. */
function matchesLowerCase(html: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    if ((html.charCodeAt(start + i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** An unparseable `<base href>` is ignored, as browsers fall back to the document URL. */
function parseBase(href: string, pageUrl: string): URL | null {
  try {
    return new URL(href, pageUrl);
  } catch {
    return null;
  }
}
