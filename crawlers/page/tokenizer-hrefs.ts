/**
 * The reference the fast scanner (scan-hrefs.ts) is held to: the same `ScannedHrefs`, found by
 * htmlparser2's own Tokenizer (the one `cheerio/slim` builds its DOM with) driven through its
 * index-based callbacks. It was the crawlers' extractor until issue 14; it stays for
 * `test/links-scan-equivalence.test.ts` and `npm run bench:extract`, and no crawler loads it.
 *
 * Tag and attribute names are compared case-insensitively, a repeated attribute keeps its first
 * value, `<a/>` counts as an open tag; raw text, comments and entities are the tokenizer's.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { matchesLowerCase } from './matches-lower-case.js';
import type { ScannedHrefs } from './scan-hrefs.js';

const NOT_A_LINK = 0;
const ANCHOR = 1;
const BASE = 2;

export function tokenizerHrefs(html: string): ScannedHrefs {
  const anchors: string[] = [];
  let baseHref: string | undefined;
  // The open tag being read: which kind it is, its href once complete, and the href in progress.
  let tag = NOT_A_LINK;
  let tagHref: string | undefined;
  let readingHref = false;
  let value = '';
  const endTag = (): void => {
    if (tagHref !== undefined) {
      if (tag === ANCHOR) anchors.push(tagHref);
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
  return { anchors, baseHref };
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
