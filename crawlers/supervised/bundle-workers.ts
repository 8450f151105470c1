/**
 * Builds the worker bundles (`worker-bundle.ts` says what they are and why) from the compiled
 * entries in dist/, with esbuild: `npm run build` runs it after tsc (scripts/bundle-workers.ts).
 *
 * An ES module, as tsc emits them: a CommonJS bundle would run our modules as sloppy-mode
 * scripts, not as the code tsc compiled, and measured no faster (start-up and CPU per page the
 * same within the noise of 2 shared cores). What the page code loads lazily with
 * `createRequire` (the encoding sniffer, entities' full decoder) stays outside the bundle and is
 * resolved from node_modules by the worker that needs it.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeFileAtomic } from '../../common/atomic-write.js';
import { BUNDLE_DIR_FROM_ROOT, BUNDLED_ENTRIES, type BundleManifest, contentHash, MANIFEST_FILE, MANIFEST_VERSION, wholeMs } from './worker-bundle.js';

/** The Node the bundles must run on: package.json's `engines` (>= 20.19). */
const TARGET = 'node20.19';

/** @param root the project root; reads `dist/crawlers/supervised/*-entry.js`, writes its `bundle/` */
export async function bundleWorkers(root: string): Promise<void> {
  const outdir = join(root, BUNDLE_DIR_FROM_ROOT);
  const result = await build({
    absWorkingDir: root,
    entryPoints: BUNDLED_ENTRIES.map((entry) => join(outdir, '..', entry)),
    outdir,
    // Written below, each atomically: a crawl starting workers meanwhile reads the old bundle or
    // the new one, never half of one.
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: TARGET,
    metafile: true,
    logLevel: 'warning',
  });
  await mkdir(outdir, { recursive: true });
  for (const file of result.outputFiles) await writeFileAtomic(file.path, file.text);
  // The manifest last: a crawl starting meanwhile finds the previous one, which no longer
  // matches the inputs that changed, and refuses the bundles rather than run a half-updated set.
  const manifest: BundleManifest = { version: MANIFEST_VERSION, inputs: {} };
  for (const path of Object.keys(result.metafile.inputs)) {
    const input = await stat(join(root, path));
    manifest.inputs[path] = { bytes: input.size, mtimeMs: wholeMs(input), sha256: contentHash(await readFile(join(root, path))) };
  }
  await writeFileAtomic(join(outdir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
}
