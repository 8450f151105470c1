/**
 * A page's in-scope link from an `href`: what `parseHttpUrl(href, base)?.href` gives when that
 * starts with the crawl's origin and a slash, else null, without a `URL` for the usual link: a
 * same-origin path, either absolute (`/docs/a/`) or relative (`./a/`, `../`, `a.html`), or only a
 * query or fragment.
 *
 * Why: a `new URL` per link (plus the setters that drop the query and fragment) was the largest
 * single cost of a crawl at latency 0, about 2.8 s of profiled CPU for the 20 000-page fixture's
 * 740 000 links (issue 14, goal 7). Such an href needs no parser: its result is the base's scheme
 * and host followed by its path with dot segments resolved, it can never fail to parse, and it is
 * in scope exactly when the base is (so no `startsWith` on the new string, which V8 flattens).
 *
 * The fast path follows the WHATWG URL Standard's basic URL parser (https://url.spec.whatwg.org/,
 * "relative state", "relative slash state" and "path state") for http(s) bases, and takes only
 * what that parser leaves unchanged: the part before the first `?` or `#` (the rest is dropped by
 * normalization, and a query or fragment never makes a URL invalid) made of letters, digits,
 * `-._~!$&'()*+,;=@` and `/`. Anything else goes to `URL`: whitespace and control characters
 * (stripped or removed by the parser), `%` (`%2e` is a dot segment), `\` (a slash in http), `:`
 * (a scheme), `//` (another authority), and every character the parser percent-encodes.
 * `test/url-normalize.test.ts` checks it against `parseHttpUrl` on generated hrefs and bases.
 */
import { parseHttpUrl } from './normalize-url.js';

/** A page's base URL and the crawl's scope, split once per page so that each link is resolved without parsing it. */
export interface LinkBase {
  /** The base itself, for the hrefs the fast path leaves to `URL`. */
  url: URL;
  /**
   * `scheme://host[:port]` when the base is http(s), else null (no fast path). Credentials are
   * left out: a resolved link inherits them, and normalization drops them again.
   */
  origin: string | null;
  /** The base's serialized path, e.g. `/docs/a/page`. */
  path: string;
  /** The path up to its last `/` (`/docs/a/`): where a relative path starts from. */
  directory: string;
  /** `<scope origin>/`: a normalized http(s) URL has no credentials, so it is in scope exactly when it starts so. */
  scopePrefix: string;
  /** Whether the base's origin is the scope's, so that every fast-path link is in scope (else none is). */
  inScope: boolean;
}

/**
 * @param scope a URL of the crawl's origin (parseable); parsed only when it is not already the
 *   base's origin as `URL.origin` serializes it (the usual call: the crawl's origin, a page of it)
 */
export function linkBase(url: URL, scope: string): LinkBase {
  const special = url.protocol === 'http:' || url.protocol === 'https:';
  const origin = special ? `${url.protocol}//${url.host}` : null;
  // A serialized origin parses back to itself, so the one the base has needs no second parse.
  const scopeOrigin = scope === origin ? scope : new URL(scope).origin;
  const path = url.pathname;
  return { url, origin, path, directory: path.slice(0, path.lastIndexOf('/') + 1), scopePrefix: `${scopeOrigin}/`, inScope: origin === scopeOrigin };
}

/** The normalized URL `href` leads to from `base` when it is in scope, else null. */
export function resolveLink(href: string, base: LinkBase): string | null {
  if (base.origin !== null) {
    const path = plainHrefPath(href, base);
    if (path !== undefined) return base.inScope ? detached(base.origin + path) : null;
  }
  const url = parseHttpUrl(href, base.url)?.href;
  return url?.startsWith(base.scopePrefix) ? url : null;
}

/**
 * `url` as a string of its own. The fast path builds a link from slices of the href, and V8 keeps
 * a slice as a view of the string it was cut from: here the page's whole HTML. A link lives on in
 * the frontier and in its page record, so each kept view kept a page alive (the 20 000-page crawl
 * peaked at 192 MiB instead of 130). Slicing a concatenation makes V8 flatten it into a fresh
 * string first, so the result refers to that copy alone; `URL`'s serialization, which this path
 * replaces, was a fresh string too.
 */
function detached(url: string): string {
  return ` ${url}`.slice(1);
}

const SLASH = 0x2f;
const DOT = 0x2e;
const QUESTION = 0x3f;
const HASH = 0x23;

/** The normalized path a plain href (see the file comment) leads to, or undefined for any other href. */
function plainHrefPath(href: string, base: LinkBase): string | undefined {
  const end = plainPathEnd(href);
  if (end === -1) return undefined;
  // '', '?…' and '#…' keep the base's path (the parser's relative state at EOF, `?` or `#`).
  if (end === 0) return base.path;
  const absolute = href.charCodeAt(0) === SLASH;
  if (absolute && end > 1 && href.charCodeAt(1) === SLASH) return undefined;
  const dots = hasDotSegment(href, end);
  if (dots === undefined) return undefined;
  // An absolute path starts from the root; a relative one from the base's path without its last
  // segment. Without dot segments the href's own segments follow as they are.
  if (!dots) return absolute ? href.slice(0, end) : base.directory + href.slice(0, end);
  return absolute ? withDotSegments('/', href, 1, end) : withDotSegments(base.directory, href, 0, end);
}

/**
 * The parser's path state over `href[from, end)`, from the directory `path` (ending in `/`): `..`
 * drops the last segment, `.` nothing, and either one at the end leaves an empty last segment
 * (`a/..` is `/`, not ``). Runs of other segments are copied whole.
 */
function withDotSegments(directory: string, href: string, from: number, end: number): string {
  let path = directory;
  let run = from; // the segments since the last dot segment, not yet appended
  for (let start = from; ; ) {
    const slash = href.indexOf('/', start);
    const stop = slash === -1 || slash > end ? end : slash;
    const length = stop - start;
    const dots = href.charCodeAt(start) !== DOT ? 0 : length === 1 ? 1 : length === 2 && href.charCodeAt(start + 1) === DOT ? 2 : 0;
    if (dots !== 0) {
      path += href.slice(run, start);
      if (dots === 2 && path.length > 1) path = path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
      run = stop + 1;
      if (stop === end) return path;
    } else if (stop === end) {
      return path + href.slice(run, end);
    }
    start = stop + 1;
  }
}

/** Where the href's path ends (its length, or its first `?` or `#`); -1 when a character is not plain. */
function plainPathEnd(href: string): number {
  for (let i = 0; i < href.length; i += 1) {
    const c = href.charCodeAt(i);
    if (c === QUESTION || c === HASH) return i;
    if (!isPlainPathChar(c)) return -1;
  }
  return href.length;
}

/**
 * Whether `href[0, end)` has a `.` or `..` segment. Undefined when a segment starts with a dot and
 * is neither (`.well-known`), which is left to `URL`: Node 20's parser (ada 2.9) then skips the dot
 * segments after it (`a/.b/.` stays as it is where the standard gives `/a/.b/`), and a crawl must
 * dedupe as `URL` does.
 */
function hasDotSegment(href: string, end: number): boolean | undefined {
  let found = false;
  for (let i = href.indexOf('.'); i !== -1 && i < end; i = href.indexOf('.', i + 1)) {
    if (i > 0 && href.charCodeAt(i - 1) !== SLASH) continue; // a dot inside a name: `page.html`
    const length = href.charCodeAt(i + 1) === DOT ? 2 : 1;
    if (i + length < end && href.charCodeAt(i + length) !== SLASH) return undefined;
    found = true;
    i += length - 1;
  }
  return found;
}

/** ASCII letters, digits, `-._~!$&'()*+,;=@` and `/`: the characters a path keeps as written. */
function isPlainPathChar(c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  // `!` 21, `$` 24, `&` 26, `'` 27, `(` 28, `)` 29, `*` 2a, `+` 2b, `,` 2c, `-` 2d, `.` 2e, `/` 2f
  if (c === 0x21 || c === 0x24 || (c >= 0x26 && c <= 0x2f)) return true;
  // `;` 3b, `=` 3d, `@` 40, `_` 5f, `~` 7e
  return c === 0x3b || c === 0x3d || c === 0x40 || c === 0x5f || c === 0x7e;
}
