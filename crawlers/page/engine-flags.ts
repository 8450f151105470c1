/**
 * The engine flags every visitor sets, and why.
 *
 * undici parses HTTP/1.1 with llhttp compiled to WebAssembly, compiled when the first connection
 * opens. V8 first runs it through Liftoff (baseline) and then re-compiles the hot parser with
 * TurboFan in the background; on this control-flow-heavy module that tier-up alone raised a
 * crawl's peak RSS by ~30 MB (108 -> 85 MB at 50 workers on the 127-page fixture) for no
 * measurable speed-up: the parser's share of a page's CPU is tiny next to HTML parsing.
 * So every visitor keeps wasm on Liftoff. It is a process-wide V8 flag, set from the visitor (not
 * at import, no module-level side effects) so that every crawler implementation — the promise
 * pool, each worker thread, each child process — runs the same code and is measured alike. It
 * must precede the first connection, which only a visitor opens.
 *
 * Under Bun (JavaScriptCore) `setFlagsFromString` exists and does nothing; the runtime probe
 * (crawlers/runtime/runtime-probe-entry.ts) records that per runtime.
 */
import { setFlagsFromString } from 'node:v8';

export const ENGINE_FLAGS = ['--liftoff-only'] as const;

export function setEngineFlags(): void {
  for (const flag of ENGINE_FLAGS) setFlagsFromString(flag);
}
