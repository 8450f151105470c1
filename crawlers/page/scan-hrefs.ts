/**
 * The `href`s of a page's `<a>` and `<base>` tags, found the way htmlparser2's Tokenizer finds
 * them (the tokenizer `cheerio/slim` builds its DOM with), but jumping from `<` to `<` with
 * `indexOf` instead of running a state machine over every character.
 *
 * Why not the tokenizer itself: in a fresh crawl process it was the largest single cost of
 * crawling (about 170 ms of CPU for the 127 pages of the seed site, a third of the crawl's CPU,
 * issue 14), because a per-character state machine runs interpreted until V8 optimizes it, and
 * text, which is most of a page, goes through it character by character. `indexOf` is a builtin:
 * fast from the first call.
 *
 * Same rules as the tokenizer in HTML mode (htmlparser2 10.1, `Tokenizer.js`), so the same links:
 * - text is skipped to the next `<`; a `<` not followed by a letter, `!`, `?` or `/` is text;
 * - `<!--` … `-->` (the opener's dashes count, so `<!-->` is a whole comment), `<![CDATA[` … `]]>`,
 *   `<!…>` and `<?…>` are skipped, as are closing tags (to the next `>`, quotes not honoured);
 * - the raw text of `<script>`, `<style>`, `<title>`, `<textarea>` and `<xmp>` runs to `</name`
 *   followed by `>` or whitespace, in any letter case; a self-closed one (`<script/>`) has none;
 * - attributes: a name runs to `=`, whitespace, `/` or `>` (its first character may be `=`); a
 *   value is quoted with `"` or `'`, or unquoted to whitespace or `>`; entities in values are
 *   decoded with the `entities` package's attribute rules, the decoder the tokenizer uses;
 * - only the first `href` of a tag counts, and a tag cut off by the end of the page is not a tag.
 * `test/links-scan-equivalence.test.ts` checks all of this against the tokenizer itself.
 */
import { decodeAttribute } from './decode-attribute.js';
import { matchesLowerCase } from './matches-lower-case.js';

export interface ScannedHrefs {
  /** `href` values of `<a>` tags, decoded, in document order (an `href` with no value is ''). */
  anchors: string[];
  /** The first `<base href>` of the page, decoded, if any. */
  baseHref: string | undefined;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const OPEN_BRACKET = 0x5b;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/**
 * The element whose closing tag ends the raw text opened by the tag named `html[start, end)`, or null. As the
 * tokenizer decides it: after an `s`, `cript` or `tyle`; after a `t` or an `x` (it tells them apart
 * only later), `itle`, `extarea` or `mp`, so `<xitle>` is a `<title>` and `<tmp>` an `<xmp>`.
 */
function rawTextElement(html: string, start: number, end: number): string | null {
  const first = html.charCodeAt(start) | 0x20;
  const length = end - start;
  if (first === 0x73) {
    if (length === 6 && matchesLowerCase(html, start + 1, 'cript')) return 'script';
    return length === 5 && matchesLowerCase(html, start + 1, 'tyle') ? 'style' : null;
  }
  if (first !== 0x74 && first !== 0x78) return null;
  if (length === 5 && matchesLowerCase(html, start + 1, 'itle')) return 'title';
  if (length === 8 && matchesLowerCase(html, start + 1, 'extarea')) return 'textarea';
  return length === 3 && matchesLowerCase(html, start + 1, 'mp') ? 'xmp' : null;
}

/** The tokenizer's whitespace (see `isWhitespace`), as the inside of a character class. */
const SPACE = String.raw` \n\t\f\r`;
const WS = `[${SPACE}]`;
/**
 * An open tag's attributes, read as `afterOpenTag` reads them, up to the tag's `>` or the end of
 * the page (where an unclosed quote runs to). Each alternative starts with its own kind of
 * character (whitespace, `/`, anything else but `>`) and every quantifier is greedy, so the
 * engine's first path through it is the loop's reading. A `/` is consumed like whitespace: where
 * it makes a tag self-closing matters only to raw-text elements, which the loop reads itself.
 * `except` is a lookahead an attribute must pass (`ANCHOR_TAG` stops at the first `href`).
 */
const attributes = (except = ''): string => String.raw`(?:${WS}+|\/|${except}[^${SPACE}/>][^${SPACE}/>=]*(?:${WS}*=${WS}*(?:"[^"]*"?|'[^']*'?|[^${SPACE}>]*))?)*`;
const ATTRIBUTES = attributes();
/** The names whose tags the scan reads itself: `<a>`, `<base>` and raw-text elements (see `rawTextElement`). */
const OWN_NAMES = String.raw`(?:a|base|script|style|[tx]itle|[tx]extarea|[tx]mp)(?:[${SPACE}/>]|$)`;
/**
 * What holds no link, skipped in one native pass: text, a `<` that is text, closing tags and
 * `<?…>`, `<!--…-->` comments, and every whole open tag but those of `OWN_NAMES`. It stops at
 * anything else (an `<a>`, a raw-text element, a `<!DOCTYPE>`, anything cut off by the end of the
 * page), which the loop in `scanHrefs` reads as before.
 *
 * Why: a fresh crawl process runs that loop interpreted until V8 optimizes it, and a fixture page
 * has about 900 tags, so on the 127-page profile that warm-up was most of link extraction's CPU;
 * a regular expression runs as native code from its second use (issue 14, goal 1). The name and
 * the attributes are matched as `(?=(X))\N`, which JavaScript never backtracks into (atomic): had
 * a tag no end, the engine would otherwise try other readings of it, ones the tokenizer never
 * makes, and exponentially many of them (the test suite hangs without it).
 * `links-scan-equivalence.test.ts` checks the whole against the tokenizer.
 */
const NO_LINK = new RegExp(String.raw`(?:[^<]+|<(?![A-Za-z!?/])|<[/?][^>]*>|<!(?=--)[^]*?-->|<(?!${OWN_NAMES})(?=([A-Za-z][^${SPACE}/>]*))\1(?=(${ATTRIBUTES}))\2>){0,1000}`, 'iy');

/**
 * A whole `<a>` tag at `lastIndex`, its first `href` captured: group 2 is the name when there is
 * one, and 4, 5 or 6 its value (double-quoted, single-quoted, unquoted). It reads the tag as
 * `ATTRIBUTES` does, atomically likewise, so it fails exactly when the tag has no end; the loop
 * then reads it itself. Same reason as `NO_LINK`: an anchor read by the loop ran interpreted.
 */
const ANCHOR_TAG = new RegExp(
  String.raw`<a(?=[${SPACE}/>])(?=(${attributes(String.raw`(?!href(?:[${SPACE}/>=]|$))`)}))\1(?:(href)(?=(${WS}*=${WS}*(?:"([^"]*)"?|'([^']*)'?|([^${SPACE}>]*)))?)\3)?(?=(${ATTRIBUTES}))\7>`,
  'iy',
);

/** Where text resumes after the `<a>` tag at `start`, its `href` recorded in `found`; undefined when the loop must read it. */
function afterAnchor(html: string, start: number, found: ScannedHrefs): number | undefined {
  ANCHOR_TAG.lastIndex = start;
  let match: RegExpExecArray | null;
  try {
    match = ANCHOR_TAG.exec(html);
  } catch {
    return undefined; // past the engine's backtracking stack, as in `nextCandidate`
  }
  if (match === null) return undefined;
  if (match[2] !== undefined) found.anchors.push(decodeAttribute(match[4] ?? match[5] ?? match[6] ?? ''));
  return ANCHOR_TAG.lastIndex;
}

/**
 * The next `<` at or after `from` that may hold a link, or `html.length`. One call skips at most
 * 1 000 items: each item of the loop costs the engine's backtracking stack a few entries, and a
 * page of a million tags in a row would pass its bound. Stopped there, it hands the loop the
 * next `<`, which the loop reads like any other.
 */
function nextCandidate(html: string, from: number): number {
  NO_LINK.lastIndex = from;
  let stop = from;
  try {
    NO_LINK.test(html);
    stop = NO_LINK.lastIndex;
  } catch {
    // Should the engine still run out of stack, the loop reads from the next `<` itself.
  }
  if (stop >= html.length || html.charCodeAt(stop) === LT) return stop;
  const next = html.indexOf('<', stop);
  return next === -1 ? html.length : next;
}

export function scanHrefs(html: string): ScannedHrefs {
  const found: ScannedHrefs = { anchors: [], baseHref: undefined };
  const length = html.length;
  let i = nextCandidate(html, 0);
  while (i + 1 < length) {
    const c = html.charCodeAt(i + 1);
    let next: number;
    if (isAsciiAlpha(c)) {
      next = ((c | 0x20) === 0x61 ? afterAnchor(html, i, found) : undefined) ?? afterOpenTag(html, i + 1, found);
    } else if (c === BANG) {
      next = declarationEnd(html, i);
    } else if (c === QUESTION || c === SLASH) {
      next = afterNext(html, '>', i + 2);
    } else {
      // Text: the `<` was a character, and the next one may open a tag (`<<a href>`).
      next = i + 1;
    }
    // -1: the page ends inside a tag (no tag, and nothing after it), a comment or raw text.
    if (next === -1) break;
    i = nextCandidate(html, next);
  }
  return found;
}

/** No `<a>` or `<base>`: its `href` is not a link. */
const OTHER = 0;
const ANCHOR = 1;
const BASE = 2;

/**
 * Reads the open tag whose name starts at `start`, records its `href` in `found` when it is an
 * `<a>` or `<base>`, and returns where text resumes: past its `>`, or past the raw text that
 * follows it; -1 when the page ends first. It returns an index rather than a tag object: a
 * fixture page has about 475 open tags, and an object (and a closure) per tag was garbage.
 */
function afterOpenTag(html: string, start: number, found: ScannedHrefs): number {
  const length = html.length;
  let i = start + 1;
  while (i < length && !isEndOfTagSection(html.charCodeAt(i))) i += 1;
  const nameEnd = i;
  // Most tags of a page are a bare name (`<p>`, `<em>`, `<code>`): nothing to read but the name.
  if (i < length && html.charCodeAt(i) === GT) return afterTag(html, start, nameEnd, nameEnd + 1);
  const nameLength = nameEnd - start;
  const kind = nameLength === 1 && (html.charCodeAt(start) | 0x20) === 0x61 ? ANCHOR : nameLength === 4 && matchesLowerCase(html, start, 'base') ? BASE : OTHER;
  let href: string | undefined;
  let selfClosing = false;
  for (;;) {
    // Before an attribute name: whitespace is skipped, `/` may close the tag, `>` ends it.
    while (i < length && isWhitespace(html.charCodeAt(i))) i += 1;
    if (i >= length) return -1;
    let c = html.charCodeAt(i);
    if (c === GT) break;
    if (c === SLASH) {
      i += 1;
      while (i < length && isWhitespace(html.charCodeAt(i))) i += 1;
      if (i >= length) return -1;
      if (html.charCodeAt(i) === GT) {
        selfClosing = true;
        break;
      }
      continue; // anything else starts an attribute name
    }
    // An attribute name: its first character is taken whatever it is (`=` included).
    const nameStart = i;
    i += 1;
    while (i < length) {
      c = html.charCodeAt(i);
      if (c === EQ || isEndOfTagSection(c)) break;
      i += 1;
    }
    const isHref = kind !== OTHER && href === undefined && i - nameStart === 4 && matchesLowerCase(html, nameStart, 'href');
    while (i < length && isWhitespace(html.charCodeAt(i))) i += 1;
    if (i >= length) return -1;
    if (html.charCodeAt(i) !== EQ) {
      // No value: `/`, `>` or the next name follow.
      if (isHref) href = '';
      continue;
    }
    i += 1;
    while (i < length && isWhitespace(html.charCodeAt(i))) i += 1;
    if (i >= length) return -1;
    c = html.charCodeAt(i);
    let valueStart: number;
    let valueEnd: number;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      valueStart = i + 1;
      valueEnd = html.indexOf(c === DOUBLE_QUOTE ? '"' : "'", valueStart);
      if (valueEnd === -1) return -1;
      i = valueEnd + 1;
    } else {
      valueStart = i;
      while (i < length) {
        c = html.charCodeAt(i);
        if (c === GT || isWhitespace(c)) break;
        i += 1;
      }
      if (i >= length) return -1;
      valueEnd = i;
    }
    if (isHref) href = decodeValue(html, valueStart, valueEnd);
  }
  // Only a whole tag counts, so its href is recorded once its `>` is found.
  if (href !== undefined) {
    if (kind === ANCHOR) found.anchors.push(href);
    else found.baseHref ??= href;
  }
  return selfClosing ? i + 1 : afterTag(html, start, nameEnd, i + 1);
}

/** Where text resumes after the open tag named `html[start, nameEnd)` that ends before `end`. */
function afterTag(html: string, start: number, nameEnd: number, end: number): number {
  const rawText = rawTextElement(html, start, nameEnd);
  return rawText === null ? end : rawTextEnd(html, end, rawText);
}

/** An attribute value, its entities decoded; sliced as it is when it has none (the usual case). */
function decodeValue(html: string, start: number, end: number): string {
  return decodeAttribute(html.slice(start, end));
}

/** Where the raw text of `<name>` that starts at `from` ends: past its `</name` + (`>` | whitespace) … `>`; -1 if never. */
function rawTextEnd(html: string, from: number, name: string): number {
  let i = from;
  for (;;) {
    const close = closingTagIndex(html, name, i);
    if (close === -1) return -1;
    const after = close + 2 + name.length;
    if (after >= html.length) return -1;
    const c = html.charCodeAt(after);
    if (c === GT) return after + 1;
    if (isWhitespace(c)) return afterNext(html, '>', after);
    i = close + 1;
  }
}

/** Index of the next `</name` at or after `from`, the name in any letter case; -1 if none. */
function closingTagIndex(html: string, name: string, from: number): number {
  let i = from;
  for (;;) {
    i = html.indexOf('</', i);
    if (i === -1 || matchesLowerCase(html, i + 2, name)) return i;
    i += 1;
  }
}

/**
 * Where a `<!` at `start` ends: a comment at its `-->` (the opener's own dashes count), CDATA at
 * its `]]>`, anything else at its `>`, read as the tokenizer reads it: the character after `<!`
 * (or after `<!-`) is taken without being looked at, so `<!>` runs to the next `>`.
 */
function declarationEnd(html: string, start: number): number {
  const first = html.charCodeAt(start + 2);
  if (first === DASH) {
    if (html.charCodeAt(start + 3) === DASH) {
      const end = html.indexOf('-->', start + 2);
      return end === -1 ? -1 : end + 3;
    }
    return afterNext(html, '>', start + 4);
  }
  if (first === OPEN_BRACKET) {
    const cdata = 'CDATA[';
    for (let k = 0; k < cdata.length; k += 1) {
      // A mismatch is a declaration, and the mismatching character is read again as one.
      if (html.charCodeAt(start + 3 + k) !== cdata.charCodeAt(k)) return afterNext(html, '>', start + 3 + k);
    }
    const end = html.indexOf(']]>', start + 9);
    return end === -1 ? -1 : end + 3;
  }
  return afterNext(html, '>', start + 3);
}

/** Index just past the next `char` at or after `from`, or -1. */
function afterNext(html: string, char: string, from: number): number {
  const found = html.indexOf(char, from);
  return found === -1 ? -1 : found + 1;
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** The tokenizer's whitespace: space, \n, \t, \f, \r. */
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

function isEndOfTagSection(c: number): boolean {
  return c === SLASH || c === GT || isWhitespace(c);
}
