/**
 * Where the compiled JavaScript of a worker entry lives.
 *
 * Workers are measured, so they always run compiled JS from dist/ with plain `node`, never a
 * TypeScript loader. From the compiled transport (dist/crawlers/supervised/x.js) the entry is its
 * sibling. When the transport itself runs from TypeScript source (vitest imports the .ts files),
 * its sibling would be a .ts file no plain `node` can run, so the entry is taken from the same
 * folder under dist/crawlers/ of the same project (dist/crawlers/supervised/, .../distributed/).
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StaleBuildError } from '../../common/errors.js';

/**
 * @param fileName entry file name beside `fromUrl`'s module, compiled form, e.g. `child-process-entry.js`
 *   (or a path below that folder, e.g. `bundle/child-process-entry.js`, see worker-bundle.ts)
 * @param fromUrl `import.meta.url` of a module in a folder of crawlers/ (source or compiled)
 * @returns the file URL of the compiled entry; throws `StaleBuildError` if it was not built
 */
export function compiledEntryUrl(fileName: string, fromUrl: string): URL {
  const fromSource = fromUrl.endsWith('.ts');
  const folder = basename(dirname(fileURLToPath(fromUrl)));
  const url = fromSource ? new URL(`../../dist/crawlers/${folder}/${fileName}`, fromUrl) : new URL(`./${fileName}`, fromUrl);
  if (!existsSync(url)) {
    throw new StaleBuildError(`worker entry ${fileURLToPath(url)} is missing: run \`npm run build\` (tsc) first`);
  }
  return url;
}
