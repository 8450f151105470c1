/**
 * Reads a response body as a stream, decoding `Content-Encoding` and enforcing the size cap on
 * the decoded bytes, so an oversized page or a compression bomb is cut off as soon as it passes
 * the cap instead of after it has been buffered.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import type { ErrorKind } from '../contract.js';

export interface BodyRead {
  /** Decoded bytes received, up to the point reading stopped. */
  bytes: number;
  /** The decoded body, when it was asked for and read completely. */
  data?: Buffer;
  /** `too-large` past the cap, `decode` for a corrupt or unknown encoding; absent on success. */
  error?: Extract<ErrorKind, 'too-large' | 'decode'>;
  /** The transport error (reset, timeout, abort) that ended the body early, for the caller to classify. */
  transportError?: unknown;
}

/**
 * Consumes `body` completely (so the connection can be reused) or destroys it on failure. Never
 * throws: size and decoding failures come back as `error`, transport failures as
 * `transportError`, because only the caller knows whether its own timeout or abort caused them.
 *
 * @param contentEncoding the response's `Content-Encoding` header, if any
 * @param maxBytes the most decoded bytes accepted
 * @param keep whether to return the body (HTML) or only count it
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, keep: boolean): Promise<BodyRead> {
  const decoders = createDecoders(contentEncoding);
  if (decoders === null) {
    discardBody(body);
    return { bytes: 0, error: 'decode' };
  }
  // The first error seen tells a decoder failure from a transport failure: pipeline() then
  // destroys every other stream with that same error, so later events say nothing new.
  let firstError: { error: unknown; fromDecoder: boolean } | undefined;
  // Persistent listeners: destroying a stream emits 'error', and one without a listener would crash.
  body.on('error', (error) => (firstError ??= { error, fromDecoder: false }));
  for (const decoder of decoders) decoder.on('error', (error) => (firstError ??= { error, fromDecoder: true }));
  let source: Readable = body;
  for (const decoder of decoders) source = pipeline(source, decoder, ignoreError);

  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of source) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (bytes > maxBytes) {
        source.destroy();
        discardBody(body);
        return { bytes, error: 'too-large' };
      }
      if (keep) chunks.push(buffer);
    }
  } catch (error) {
    const first = firstError ?? { error, fromDecoder: false };
    return first.fromDecoder ? { bytes, error: 'decode' } : { bytes, transportError: first.error };
  }
  return keep ? { bytes, data: Buffer.concat(chunks, bytes) } : { bytes };
}

/**
 * Closes a body we will not read. undici's body emits an 'error' (RequestAbortedError) when
 * destroyed early, which must not become an uncaught exception; the connection is closed with it.
 */
export function discardBody(body: Readable): void {
  if (body.listenerCount('error') === 0) body.on('error', ignoreError);
  body.destroy();
}

/**
 * One decoder per listed coding, undone in reverse order of application (RFC 9110 §8.4).
 * `gzip` and `deflate` both use `createUnzip`, which detects the gzip or zlib header itself:
 * servers disagree about what `deflate` means, and the zlib-wrapped form is the standard one.
 * Returns `null` for a coding we cannot undo.
 */
function createDecoders(contentEncoding: string | undefined): Array<zlib.Unzip | zlib.BrotliDecompress> | null {
  if (contentEncoding === undefined) return [];
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  const decoders: Array<zlib.Unzip | zlib.BrotliDecompress> = [];
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate') decoders.push(zlib.createUnzip());
    else if (coding === 'br') decoders.push(zlib.createBrotliDecompress());
    else return null;
  }
  return decoders;
}

/** pipeline() requires a callback; the error already reaches the reader through the last stream. */
function ignoreError(): void {}
