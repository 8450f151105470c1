/**
 * Builds the worker bundles (`worker-bundle.ts` says what they are and why) from the compiled
 * entries in dist/, with esbuild: `npm run build` runs it after tsc (scripts/bundle-workers.ts).
 *
 * An ES module, as tsc emits them: a CommonJS bundle would run our modules as sloppy-mode
 * scripts, not as the code tsc compiled, and measured no faster (start-up and CPU per page the
 * same within the noise of 2 shared cores). The CommonJS modules inside it (undici) call
 * `require` for Node's built-ins, which an ES module lacks, so the banner makes one.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
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
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [undiciStatically],
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

/**
 * crawlers/page/undici-agent.ts loads undici's files with `createRequire(import.meta.url)`, which
 * a bundler cannot follow, so undici (31 files) would still be resolved and read one by one in
 * every worker: ~20 ms of a thread's start-up. Without that line, the `require` calls it guards
 * are free `require` calls, which esbuild bundles. Should the line change, the build warns and
 * bundles the file as it is (it still works, loading undici from node_modules, only slower).
 * NOTE: matches the compiled form of crawlers/page/undici-agent.ts.
 */
const CREATE_REQUIRE_LINE = 'const require = createRequire(import.meta.url);';
const undiciStatically: Plugin = {
  name: 'undici-statically',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]crawlers[\\/]page[\\/]undici-agent\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(CREATE_REQUIRE_LINE)) {
        return { contents: source, loader: 'js', warnings: [{ text: `${CREATE_REQUIRE_LINE} not found: undici stays outside the worker bundle` }] };
      }
      return { contents: source.replace(CREATE_REQUIRE_LINE, ''), loader: 'js' };
    });
  },
};
