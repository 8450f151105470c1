/**
 * URL normalization: the one definition of "the same page" shared by the frontier, link
 * extraction and redirects, so every crawler dedupes identically.
 */

/**
 * Resolves `href` against `base` and returns the URL a crawler should visit, or `null` when it is
 * not crawlable (unparseable, or a scheme other than http/https such as mailto:, tel:, javascript:).
 *
 * Normalization is deliberately what WHATWG `URL` already does (lower-case scheme and host,
 * default port dropped, dot segments resolved, spaces and non-ASCII percent-encoded, surrounding
 * whitespace and embedded tabs/newlines stripped) plus three removals:
 * - the fragment, which never reaches the server;
 * - the query string, because the contract defines a page by its path (`?sort=a` and `?sort=b`
 *   are one page);
 * - credentials (`user:pass@`), which do not change the origin and would otherwise make one page
 *   look like two.
 * Percent-encoding is not canonicalized (`%7E` and `~` stay distinct), matching how servers and
 * `URL` treat them.
 */
export function normalizeUrl(href: string, base: string | URL): string | null {
  const url = parseHttpUrl(href, base);
  return url === null ? null : url.href;
}

/**
 * True when the normalized `url` belongs to `origin` (scheme, host and port, as `URL.origin`
 * serializes them, e.g. `http://127.0.0.1:8080`). Either argument may be any parseable URL.
 */
export function isSameOrigin(url: string, origin: string): boolean {
  const target = URL.canParse(url) ? new URL(url) : null;
  const scope = URL.canParse(origin) ? new URL(origin) : null;
  return target !== null && scope !== null && target.origin === scope.origin;
}

/**
 * The parsing half of `normalizeUrl`, returning the `URL` so that callers checking scope on many
 * links (extract-links) parse each one only once.
 */
export function parseHttpUrl(href: string, base: string | URL): URL | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Each setter re-serializes the whole URL, and most links need none of them. In a serialized
  // URL `#` and `?` appear only as delimiters (elsewhere they are percent-encoded), which also
  // catches an empty `?` or `#` that the getters report as ''.
  const serialized = url.href;
  if (serialized.includes('#')) url.hash = '';
  if (serialized.includes('?')) url.search = '';
  if (url.username !== '') url.username = '';
  if (url.password !== '') url.password = '';
  return url;
}
