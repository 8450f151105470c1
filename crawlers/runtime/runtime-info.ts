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
   * The engine flags crawlbench sets from inside a crawler (crawlers/page/visit-page.ts) and
   * whether they took effect: V8 runtimes apply `v8.setFlagsFromString`, Bun accepts the call
   * and ignores it (JavaScriptCore has no V8 flags).
   */
  engineFlags: Record<string, 'applied' | 'ignored'>;
}
