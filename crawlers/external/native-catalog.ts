/**
 * The native crawlers shipped in crawlers/native/, as listed in crawlers/native/catalog.json: for
 * each, the folder it lives in, the tool that builds it (with the oldest version known to work),
 * the build command, the files whose change calls for a rebuild, and its command template.
 *
 * NOTE: catalog.json is read here only; its fields are documented on `NativeCrawlerSpec`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputFileError } from '../../common/errors.js';
import { projectRoot } from '../../common/project-root.js';

export const CATALOG_VERSION = 1;

export interface NativeCrawlerSpec {
  /** The `--impl` name, e.g. `go`. */
  name: string;
  /** One line for the report: the concurrency pattern. */
  description: string;
  /** Folder under crawlers/native/ holding its sources; builds and runs there. */
  dir: string;
  tool: {
    /** The command that must be on PATH, e.g. `cargo`. */
    command: string;
    /** Arguments that print its version, e.g. `["--version"]`. */
    versionArgs: string[];
    /** Regular expression whose first group is the version in that output. @default the first `N.N[.N]` */
    versionPattern?: string;
    /** Oldest version known to build it, e.g. `1.21`. */
    minVersion: string;
    /** What to install when it is missing, for the skip line. */
    install: string;
  };
  /** Argv run in `dir` to build; must leave the binary the command names. */
  build: string[];
  /** Files and folders (relative to `dir`) whose content decides whether a rebuild is due. */
  sources: string[];
  /** Command template (see command-template.ts); a first word like `build/go` is relative to `dir`. */
  command: string;
}

/** The catalog's folder, also the root of every `dir`. */
export function nativeRoot(): string {
  return join(projectRoot(), 'crawlers', 'native');
}

/** Every shipped native crawler, in catalog order. */
export function loadNativeCatalog(root: string = nativeRoot()): NativeCrawlerSpec[] {
  const file = join(root, 'catalog.json');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BadInputFileError(`cannot read the native crawler catalog ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const catalog = doc as { version?: unknown; crawlers?: unknown };
  if (catalog.version !== CATALOG_VERSION || !Array.isArray(catalog.crawlers)) {
    throw new BadInputFileError(`${file} is not a version ${CATALOG_VERSION} crawler catalog`);
  }
  return catalog.crawlers as NativeCrawlerSpec[];
}
