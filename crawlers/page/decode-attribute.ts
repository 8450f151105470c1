/**
 * Decodes the character references in an attribute value with the rules of the HTML tokenizer
 * (the `entities` package's `decodeHTMLAttribute`, the decoder htmlparser2 uses), loading that
 * package only for a value that needs it.
 *
 * Why not import it up front: `entities`' decoder builds its 2 200-entity trie from a 32 KB
 * literal at import, which costs a fresh process ~9 ms of CPU and 5.4 MiB of RSS (Node 20, every
 * crawl process and every worker). The references found in hrefs are almost always `&amp;`
 * (query strings), and a value whose every `&` begins `&amp;` decodes by replacing those alone:
 * a named reference with its semicolon decodes the same in an attribute, and decoding is one
 * pass, so `&amp;lt;` is `&lt;`. Anything else goes to the library.
 */
import { createRequire } from 'node:module';

type Decode = (value: string) => string;
let decodeWithLibrary: Decode | undefined;

export function decodeAttribute(raw: string): string {
  if (!raw.includes('&')) return raw;
  const pieces = raw.split('&amp;');
  if (pieces.every((piece) => !piece.includes('&'))) return pieces.join('&');
  decodeWithLibrary ??= (createRequire(import.meta.url)('entities/decode') as { decodeHTMLAttribute: Decode }).decodeHTMLAttribute;
  return decodeWithLibrary(raw);
}
