/**
 * The worker bundles: each worker entry and everything it imports statically (the page visitor,
 * quick-lru) in one ES module, built by `npm run build` after tsc (`bundle-workers.ts`), so a new
 * thread or process reads and compiles one file instead of resolving each module. When it was
 * introduced (undici and htmlparser2 were still inside, ~90 modules) that took one thread from
 * ~205 to ~120 ms to `ready` on 2 cores (README, "Worker start-up and messaging").
 *
 * A bundle is a copy of compiled code, so it can go stale where dist/ does not: a `tsc` alone
 * (an editor, a test run's global setup) leaves the old bundle behind. So the build records the
 * size, mtime and hash of every input, and the pool refuses a bundle whose inputs changed.
 *
 * NOTE: the names of the bundles are those of the entries (`child-process-entry.js`), so a
 * process table shows the same command line as before (tests and people grep for it).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StaleBuildError } from '../../common/errors.js';
import { errorCode } from '../../common/read-input-file.js';
import { compiledEntryUrl } from './compiled-entry.js';

/** The entries bundled, beside this module's compiled form in dist/crawlers/supervised/. */
export const BUNDLED_ENTRIES = ['worker-threads-entry.js', 'child-process-entry.js'] as const;
export type BundledEntry = (typeof BUNDLED_ENTRIES)[number];

/** The sub-folder of dist/crawlers/supervised/ the bundles are written to. */
export const BUNDLE_DIR = 'bundle';
/** The same, from the project root. */
export const BUNDLE_DIR_FROM_ROOT = `dist/crawlers/supervised/${BUNDLE_DIR}`;
/** NOTE: written by bundle-workers.ts, read by bundledEntryUrl. */
export const MANIFEST_FILE = 'inputs.json';
export const MANIFEST_VERSION = 3;

/** What the build recorded of each input, keyed by its path relative to the project root. */
export interface BundleManifest {
  version: number;
  /** `mtimeMs` in whole milliseconds (`wholeMs`); `sha256` of the content, hex (`contentHash`). */
  inputs: Record<string, { bytes: number; mtimeMs: number; sha256: string }>;
}

export function contentHash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * An input's mtime as the manifest records it: whole milliseconds, because Deno's `statSync`
 * gives the mtime as a Date (whole ms) where Node and Bun give a fraction, and the crawlers also
 * run under Deno (a fractional record made every Deno crawl refuse fresh bundles).
 */
export function wholeMs(stat: { mtimeMs: number }): number {
  return Math.trunc(stat.mtimeMs);
}

/**
 * @param fromUrl `import.meta.url` of a module in crawlers/supervised/ (source or compiled)
 * @returns the file URL of the bundle; throws `StaleBuildError` when it is missing or older than its inputs
 */
export function bundledEntryUrl(entry: BundledEntry, fromUrl: string): URL {
  const url = compiledEntryUrl(`${BUNDLE_DIR}/${entry}`, fromUrl);
  const problem = bundleProblem(fileURLToPath(new URL('../../../../', url)));
  if (problem !== undefined) throw new StaleBuildError(`${problem}: run \`npm run build\``);
  return url;
}

/**
 * Why the bundles of the project at `root` cannot be used, or `undefined` when they are fresh:
 * every bundle present and every input recorded by the build unchanged (its size, and its
 * content when its mtime moved).
 */
export function bundleProblem(root: string): string | undefined {
  const dir = join(root, BUNDLE_DIR_FROM_ROOT);
  for (const entry of BUNDLED_ENTRIES) {
    if (statSync(join(dir, entry), { throwIfNoEntry: false }) === undefined) return `the worker bundle ${join(dir, entry)} is missing`;
  }
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
  } catch (error) {
    // Missing (a tsc-only build) or cut short (a build interrupted while writing it).
    const missing = errorCode(error) === 'ENOENT';
    if (!missing && !(error instanceof SyntaxError)) throw error;
    return `the worker bundles' ${manifestPath} is ${missing ? 'missing' : 'unreadable'}`;
  }
  if (manifest.version !== MANIFEST_VERSION) return `${manifestPath} is version ${String(manifest.version)}, this code reads ${MANIFEST_VERSION}`;
  for (const [path, recorded] of Object.entries(manifest.inputs)) {
    const now = statSync(join(root, path), { throwIfNoEntry: false });
    if (now === undefined || now.size !== recorded.bytes) return `the worker bundles in ${dir} are older than ${path}`;
    // A tsc rewrites every output, mostly unchanged, and in a checkout several people build;
    // so a moved mtime is only a reason to compare the content.
    if (wholeMs(now) !== recorded.mtimeMs && contentHash(readFileSync(join(root, path))) !== recorded.sha256) return `the worker bundles in ${dir} are older than ${path}`;
  }
  return undefined;
}
