/**
 * What a runtime says of itself, recorded with every configuration that ran under it.
 *
 * NOTE: part of results.json (harness/results/results.ts, `ConfigResult.runtime`); printed by
 * runtime-probe-entry.ts, read by probe-runtime.ts.
 */
export interface RuntimeInfo {
  /** As `--runtime` names it: `node`, `node22`, `bun`, `deno`. */
  name: string;
  /** Its own version: Node's `process.versions.node`, Bun's `process.versions.bun`, Deno's `Deno.version.deno` (both report a Node version too, which says only what they emulate). */
  version: string;
  /** `V8` or `JavaScriptCore`. */
  engine: string;
  /** V8's version, or the WebKit commit Bun's JavaScriptCore was built from. */
  engineVersion: string;
  /** Absolute path of the executable that ran. */
  executable: string;
  /**
   * Results written before crawlbench moved off undici (schema 4 and older) carry the V8 flags the
   * visitor then set (`--liftoff-only`, for undici's WebAssembly parser) and whether each took
   * effect; Bun ignored it. Nothing sets a flag now, so new results leave this out.
   */
  engineFlags?: Record<string, 'applied' | 'ignored'>;
}
