/**
 * Printed once per runtime at the start of a bench or crawl: the runtime's own account of what it
 * is, as one JSON line (the fields of `RuntimeInfo` but its name). Runs under the runtime being
 * asked, so it uses only what Node, Bun and Deno all have.
 *
 * Usage (by probe-runtime.ts): <runtime> dist/crawlers/runtime/runtime-probe-entry.js
 */
import type { RuntimeInfo } from './runtime-info.js';

interface RuntimeGlobals {
  Bun?: { version: string };
  Deno?: { version: { deno: string; v8: string } };
}

const globals = globalThis as RuntimeGlobals;
const versions = process.versions as Record<string, string | undefined>;
const info: Omit<RuntimeInfo, 'name'> =
  globals.Bun !== undefined
    ? { version: globals.Bun.version, engine: 'JavaScriptCore', engineVersion: versions.webkit ?? 'unknown', executable: process.execPath }
    : globals.Deno !== undefined
      ? { version: globals.Deno.version.deno, engine: 'V8', engineVersion: globals.Deno.version.v8, executable: process.execPath }
      : { version: process.versions.node, engine: 'V8', engineVersion: process.versions.v8, executable: process.execPath };
process.stdout.write(`${JSON.stringify(info)}\n`);
