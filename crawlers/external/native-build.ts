/**
 * Builds a native crawler on first use, and again only when its sources change: a stamp in its
 * build folder holds a hash of the sources, the build command and the tool's version. A missing
 * or too old tool is not an error but a reason to skip that crawler, said in one line.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { nativeRoot, type NativeCrawlerSpec } from './native-catalog.js';

const run = promisify(execFile);

/** Where a crawler's stamp lives; its build output is git-ignored beside it. */
const STAMP_FILE = join('build', '.crawlbench-stamp');

/** Builds can take minutes (cargo from cold); anything beyond this is a hang. */
const BUILD_TIMEOUT_MS = 15 * 60_000;

export type ToolCheck = { ok: true; version: string } | { ok: false; reason: string };

export type BuildOutcome = { state: 'ready'; toolVersion: string; built: boolean } | { state: 'skipped'; reason: string } | { state: 'failed'; reason: string };

/** Whether the crawler's tool is installed and new enough; its version as it prints it. */
export async function checkTool(spec: NativeCrawlerSpec): Promise<ToolCheck> {
  let output: string;
  try {
    const { stdout, stderr } = await run(spec.tool.command, spec.tool.versionArgs, { timeout: 30_000 });
    output = `${stdout}\n${stderr}`;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      reason: missing ? `${spec.tool.command} not found; ${spec.tool.install} to add it` : `\`${spec.tool.command} ${spec.tool.versionArgs.join(' ')}\` failed; ${spec.tool.install}`,
    };
  }
  const version = new RegExp(spec.tool.versionPattern ?? '(\\d+\\.\\d+(?:\\.\\d+)?)').exec(output)?.[1];
  if (version === undefined) return { ok: false, reason: `cannot tell the version of ${spec.tool.command} from its output` };
  if (compareVersions(version, spec.tool.minVersion) < 0) return { ok: false, reason: `${spec.tool.command} ${version} is older than ${spec.tool.minVersion}; ${spec.tool.install}` };
  return { ok: true, version };
}

/**
 * Makes the crawler's binary current.
 * @param onBuild called before a build starts (it may take minutes), for a progress line
 */
export async function ensureNativeBuilt(spec: NativeCrawlerSpec, onBuild?: (spec: NativeCrawlerSpec) => void, root: string = nativeRoot()): Promise<BuildOutcome> {
  const tool = await checkTool(spec);
  if (!tool.ok) return { state: 'skipped', reason: tool.reason };
  const dir = join(root, spec.dir);
  const stampPath = join(dir, STAMP_FILE);
  const stamp = sourcesHash(spec, dir, tool.version);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) return { state: 'ready', toolVersion: tool.version, built: false };
  onBuild?.(spec);
  const [file = '', ...args] = spec.build;
  try {
    await run(file, args, { cwd: dir, timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    const last =
      stderr
        .split('\n')
        .filter((line) => line.trim() !== '')
        .at(-1) ?? (error instanceof Error ? error.message : String(error));
    return { state: 'failed', reason: `build failed (\`${spec.build.join(' ')}\` in crawlers/native/${spec.dir}): ${last}` };
  }
  mkdirSync(join(dir, 'build'), { recursive: true });
  writeFileSync(stampPath, stamp);
  return { state: 'ready', toolVersion: tool.version, built: true };
}

/**
 * `ensureNativeBuilt` for several crawlers, one after the other (builds compete for the cores),
 * each folder checked, hashed and built once however many catalog entries it holds (`go` and
 * `go-pool` are one build). Returns each crawler's outcome by name.
 */
export async function ensureAllBuilt(specs: readonly NativeCrawlerSpec[], onBuild?: (spec: NativeCrawlerSpec) => void, root: string = nativeRoot()): Promise<Map<string, BuildOutcome>> {
  const byBuild = new Map<string, BuildOutcome>();
  const outcomes = new Map<string, BuildOutcome>();
  for (const spec of specs) {
    const key = JSON.stringify([spec.dir, spec.build]);
    const outcome = byBuild.get(key) ?? (await ensureNativeBuilt(spec, onBuild, root));
    byBuild.set(key, outcome);
    outcomes.set(spec.name, outcome);
  }
  return outcomes;
}

/** SHA-256 over every source file (path and content), the build command and the tool version. */
function sourcesHash(spec: NativeCrawlerSpec, dir: string, toolVersion: string): string {
  const hash = createHash('sha256').update(JSON.stringify([spec.build, toolVersion]));
  for (const file of spec.sources.flatMap((source) => filesUnder(join(dir, source))).sort()) {
    hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** Numeric comparison of dotted versions: `1.9` < `1.14`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
