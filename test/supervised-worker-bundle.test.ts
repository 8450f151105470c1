/**
 * The worker bundles are refused once they are stale: missing, without their manifest, or built
 * from inputs that have changed since (a tsc without the bundling step), so a crawl never runs
 * yesterday's code in its workers; an input only rewritten, unchanged, keeps them.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR_FROM_ROOT, BUNDLED_ENTRIES, bundleProblem, contentHash, MANIFEST_FILE, MANIFEST_VERSION } from '../crawlers/supervised/worker-bundle.js';
import { tempDirs } from './helpers/temp-files.js';

const dirs = tempDirs('worker-bundle-');
afterAll(() => dirs.removeAll());

/** A project root with one input and the bundles built from it, as the build leaves them. */
async function builtProject(): Promise<{ root: string; input: string }> {
  const root = await dirs.make();
  const input = join(root, 'dist/crawlers/page/visit-page.js');
  mkdirSync(join(root, 'dist/crawlers/page'), { recursive: true });
  writeFileSync(input, 'export const x = 1;\n');
  const dir = join(root, BUNDLE_DIR_FROM_ROOT);
  mkdirSync(dir, { recursive: true });
  for (const entry of BUNDLED_ENTRIES) writeFileSync(join(dir, entry), '"use strict";\n');
  utimesSync(input, 1000, 1000);
  const sha256 = contentHash(Buffer.from('export const x = 1;\n'));
  const manifest = { version: MANIFEST_VERSION, inputs: { 'dist/crawlers/page/visit-page.js': { bytes: 20, mtimeMs: 1_000_000, sha256 } } };
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  return { root, input };
}

describe('worker bundle freshness', () => {
  it('accepts bundles whose inputs are as the build recorded them', async () => {
    expect(bundleProblem((await builtProject()).root)).toBeUndefined();
  });

  it('accepts an input rewritten with the same content (another tsc in the same checkout)', async () => {
    const { root, input } = await builtProject();
    writeFileSync(input, 'export const x = 1;\n');
    utimesSync(input, 2000, 2000);
    expect(bundleProblem(root)).toBeUndefined();
  });

  it('refuses bundles built before an input changed, naming the input', async () => {
    const { root, input } = await builtProject();
    writeFileSync(input, 'export const x = 2;\n');
    utimesSync(input, 2000, 2000);
    expect(bundleProblem(root)).toMatch(/older than dist\/crawlers\/page\/visit-page\.js$/);
    writeFileSync(input, 'export const x = 22;\n');
    utimesSync(input, 1000, 1000);
    expect(bundleProblem(root)).toMatch(/older than dist\/crawlers\/page\/visit-page\.js$/);
  });

  it('refuses a tsc-only build: no bundle, or no manifest', async () => {
    const { root } = await builtProject();
    writeFileSync(join(root, BUNDLE_DIR_FROM_ROOT, MANIFEST_FILE), '{"version":');
    expect(bundleProblem(root)).toMatch(/inputs\.json is unreadable$/);
    expect(bundleProblem(await dirs.make())).toMatch(/worker-threads-entry\.js is missing$/);
  });

  it('refuses a manifest of another version', async () => {
    const { root } = await builtProject();
    writeFileSync(join(root, BUNDLE_DIR_FROM_ROOT, MANIFEST_FILE), JSON.stringify({ version: MANIFEST_VERSION + 1, inputs: {} }));
    expect(bundleProblem(root)).toMatch(new RegExp(`is version ${MANIFEST_VERSION + 1}, this code reads ${MANIFEST_VERSION}$`));
  });
});
