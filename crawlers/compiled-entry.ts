/**
 * Where the compiled JavaScript of a worker entry lives.
 *
 * Workers are measured, so they always run compiled JS from dist/ with plain `node`, never a
 * TypeScript loader. From the compiled crawler (dist/crawlers/x.js) the entry is its sibling. When
 * the crawler itself runs from TypeScript source (vitest imports crawlers/*.ts), its sibling would be
 * a .ts file no plain `node` can run, so the entry is taken from dist/crawlers/ of the same project.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BadInputFileError } from './errors.js';

/**
 * @param fileName entry file name in crawlers/, compiled form, e.g. `child-process-entry.js`
 * @param fromUrl `import.meta.url` of a module in crawlers/ (source or compiled)
 * @returns the file URL of the compiled entry; throws `BadInputFileError` if it was not built
 */
export function compiledEntryUrl(fileName: string, fromUrl: string): URL {
  const fromSource = fromUrl.endsWith('.ts');
  const url = fromSource ? new URL(`../dist/crawlers/${fileName}`, fromUrl) : new URL(`./${fileName}`, fromUrl);
  if (!existsSync(url)) {
    throw new BadInputFileError(
      `worker entry ${fileURLToPath(url)} is missing: run \`npm run build\` (tsc) first`,
    );
  }
  return url;
}
