/**
 * Maps a thrown network error to the contract's `ErrorKind`, so every crawler reports the same
 * failure the same way. Codes are Node's (`ECONNRESET`, `ERR_SSL_*`, OpenSSL certificate codes,
 * llhttp's `HPE_*` for a malformed response, which stays 'network'); a runtime may wrap the system
 * error in `cause`, so the whole cause chain is inspected.
 */
import type { ErrorKind } from '../contract.js';

const TIMEOUT_CODES = new Set(['ETIMEDOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const ABORT_CODES = new Set(['ABORT_ERR']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const TLS_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'EPROTO']);

/**
 * A bug rather than a network failure: Node reports network trouble as plain `Error`s with a
 * code, so a TypeError, ReferenceError, RangeError or SyntaxError means our code (or its use of
 * `node:http`) is wrong. These must propagate — recorded as 'network' they would hide a broken
 * crawler behind a site that seems to be down.
 */
export function isProgrammingError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError || error instanceof SyntaxError;
}

/**
 * A runtime refusing an operation it was not granted (Deno's `NotCapable`, formerly
 * `PermissionDenied`, possibly wrapped): a misconfigured run, never a network failure
 * of the site, so it propagates like a bug and the crawl fails saying so.
 */
export function isPermissionError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current.name === 'NotCapable' || current.name === 'PermissionDenied') return true;
    current = current.cause;
  }
  return false;
}

export function classifyError(error: unknown): ErrorKind {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    const kind = kindOf(current);
    if (kind !== undefined) return kind;
    current = current instanceof Error ? current.cause : undefined;
  }
  return 'network';
}

function kindOf(error: unknown): ErrorKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') {
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (RESET_CODES.has(code)) return 'reset';
    if (code === 'ECONNREFUSED') return 'refused';
    if (DNS_CODES.has(code)) return 'dns';
    if (ABORT_CODES.has(code)) return 'aborted';
    if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_')) return 'tls';
  }
  // AbortSignal reasons are DOMExceptions whose `code` is numeric.
  if (error.name === 'TimeoutError') return 'timeout';
  if (error.name === 'AbortError') return 'aborted';
  if (/socket hang up/i.test(error.message)) return 'reset';
  return undefined;
}
