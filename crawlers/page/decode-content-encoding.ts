/**
 * Undoes a response's `Content-Encoding` with the cap applied to the decoded bytes, so a
 * compression bomb is refused after `maxBytes + 1` bytes of output rather than inflated whole:
 * zlib's `maxOutputLength` (Node ≥ 14.10) stops the inflater there. The body arrives whole
 * (dispatch-get.ts caps what is sent), so the one-shot functions do, without a stream per page.
 *
 * Codings are undone in reverse order of application (RFC 9110 §8.4). `gzip` and `deflate` both
 * use `unzip`, which detects the gzip or zlib header itself: servers disagree about what `deflate`
 * means, and the zlib-wrapped form is the standard one.
 */
import zlib from 'node:zlib';
import type { ErrorKind } from '../contract.js';

export type Decoded = { data: Buffer } | { error: Extract<ErrorKind, 'too-large' | 'decode'>; bytes: number };

/** @param contentEncoding the header's value; undefined or `identity` returns `body` as it is */
export function decodeContentEncoding(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Decoded {
  if (contentEncoding === undefined) return { data: body };
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  let data = body;
  for (const coding of codings) {
    const options = { maxOutputLength: maxBytes + 1 };
    try {
      if (coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate') data = zlib.unzipSync(data, options);
      else if (coding === 'br') data = zlib.brotliDecompressSync(data, options);
      else return { error: 'decode', bytes: 0 };
    } catch (error) {
      // Past the cap zlib stops with ERR_BUFFER_TOO_LARGE; anything else is a corrupt body.
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { error: 'too-large', bytes: maxBytes + 1 };
      return { error: 'decode', bytes: 0 };
    }
    if (data.length > maxBytes) return { error: 'too-large', bytes: data.length };
  }
  return { data };
}
