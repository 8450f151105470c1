/**
 * Turns an HTML body into text in the encoding a browser would pick, following the HTML
 * Standard's encoding sniffing order (https://html.spec.whatwg.org/#encoding-sniffing-algorithm):
 * a byte order mark (UTF-8, UTF-16LE, UTF-16BE), then the `Content-Type` charset, then a
 * `<meta charset>` or `<meta http-equiv="content-type">` in the first 1024 bytes (the standard's
 * prescan), else UTF-8. The sniffing is jsdom's `html-encoding-sniffer`, the decoding TextDecoder,
 * whose labels are the Encoding Standard's under Node's full ICU.
 */
import { createRequire } from 'node:module';
import type sniffHtmlEncodingType from 'html-encoding-sniffer';

/**
 * The sniffer, loaded the first time a page needs it: it and its decoders (`@exodus/bytes`, 18
 * modules) were a crawl process's to load although the usual page never asks for them. A
 * CommonJS package, so `require` can load it synchronously, in Node, Bun and Deno alike.
 */
let sniffer: typeof sniffHtmlEncodingType | undefined;
function sniffHtmlEncoding(...args: Parameters<typeof sniffHtmlEncodingType>): string {
  sniffer ??= createRequire(import.meta.url)('html-encoding-sniffer') as typeof sniffHtmlEncodingType;
  return sniffer(...args);
}

/**
 * When nothing declares an encoding. The standard suggests windows-1252 for most locales, a
 * legacy of pre-Unicode pages; we take UTF-8 as the native crawlers do, so that all crawlers agree
 * on an undeclared page, and because an undeclared non-ASCII page met today is far more likely
 * UTF-8 (over 98 % of the web is, W3Techs 2024) than Latin-1.
 */
const DEFAULT_ENCODING = 'UTF-8';

/** @param contentType the response's `Content-Type` header, if any */
export function decodeHtml(data: Buffer, contentType: string | undefined): string {
  const label = charsetOf(contentType);
  // The usual page (no BOM, `charset=utf-8`) goes straight to the UTF-8 decoder, as before the
  // sniffing: asking the sniffer cost ~3 µs more a page. Only a page that declares nothing in its
  // header is prescanned (1024 bytes at most).
  if (label !== undefined && UTF8_LABEL.test(label) && !mayStartWithBom(data)) return data.toString('utf8');
  const encoding = sniffHtmlEncoding(data, { transportLayerEncodingLabel: label, defaultEncoding: DEFAULT_ENCODING });
  // Buffer's own UTF-8 decoder is the fast path (it keeps a BOM, which TextDecoder would drop).
  if (encoding === 'UTF-8') return (hasUtf8Bom(data) ? data.subarray(3) : data).toString('utf8');
  // The standard's "replacement" encoding (ISO-2022-KR and other labels unsafe to decode) turns the
  // whole body into one U+FFFD, so such a page has no links, as in a browser.
  if (encoding === 'replacement') return '\uFFFD';
  try {
    return new TextDecoder(encoding).decode(data);
  } catch (error) {
    // x-user-defined is the one standard encoding ICU lacks; its ASCII half is UTF-8's.
    if (error instanceof RangeError) return data.toString('utf8');
    throw error;
  }
}

/** The `charset` parameter of a `Content-Type` value, quoted or not; the sniffer maps its label. */
function charsetOf(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
}

/** The Encoding Standard's labels of UTF-8 (https://encoding.spec.whatwg.org/#names-and-labels). */
const UTF8_LABEL = /^(?:utf-?8|unicode-1-1-utf-8|unicode11utf8|unicode20utf8|x-unicode20utf8)$/i;

/** Whether the first byte is that of a UTF-8 or UTF-16 byte order mark. */
function mayStartWithBom(data: Buffer): boolean {
  const first = data[0];
  return first === 0xef || first === 0xfe || first === 0xff;
}

function hasUtf8Bom(data: Buffer): boolean {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
}
