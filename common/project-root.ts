/**
 * The crawlbench checkout this module belongs to, found from the module's own location: it runs
 * from `<root>/common/` (vitest, TS source) or `<root>/dist/common/` (compiled). It lives in
 * common/, the bottom layer, so fixtures, crawlers and harness can all use it.
 */
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(): string {
  const moduleDir = dirname(fileURLToPath(import.meta.url));
  const parent = dirname(moduleDir);
  return basename(parent) === 'dist' ? dirname(parent) : parent;
}

/** Absolute path of a compiled file, e.g. `distPath('scripts/serve.js')`. */
export function distPath(relative: string): string {
  return `${projectRoot()}/dist/${relative}`;
}
