/**
 * Global setup of both test projects: e2e spawns compiled code from dist/, and the report writer
 * inlines the compiled page script from dist/page/, so dist/ must match the sources. When any
 * source is newer than its compiled file (or was never compiled), this runs `tsc -p tsconfig.json`
 * and, where it exists, `tsc -p tsconfig.page.json` (what `npm run build` runs), then checks
 * again; if the build fails or a file is still stale, the run stops here naming the file, instead
 * of testing yesterday's code. The worker bundles (npm run build's last step) are rebuilt the same
 * way when their inputs moved. When nothing is stale it builds nothing (well under a second).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { bundleProblem } from '../crawlers/supervised/worker-bundle.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The root tsconfigs whose output tests run; the page one is optional. */
const CONFIGS = ['tsconfig.json', 'tsconfig.page.json'];

interface StaleOutput {
  source: string;
  output: string;
}

function parseConfig(path: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(`global-setup: cannot read ${path}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    },
  });
  if (parsed === undefined) throw new Error(`global-setup: cannot read ${path}`);
  return parsed;
}

/** Every compiled .js file that is missing or older than its source, over every root tsconfig. */
function staleOutputs(configs: string[]): StaleOutput[] {
  const stale: StaleOutput[] = [];
  for (const config of configs) {
    const parsed = parseConfig(config);
    if (parsed.options.noEmit) continue;
    for (const source of parsed.fileNames) {
      if (source.endsWith('.d.ts')) continue;
      const sourceMs = statSync(source).mtimeMs;
      for (const output of ts.getOutputFileNames(parsed, source, false)) {
        if (!output.endsWith('.js')) continue;
        if (!existsSync(output) || statSync(output).mtimeMs < sourceMs) stale.push({ source, output });
      }
    }
  }
  return stale;
}

function build(configs: string[]): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  for (const config of configs) {
    try {
      execFileSync(process.execPath, [tsc, '-p', config], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      const output = error instanceof Error && 'stdout' in error ? String(error.stdout) : String(error);
      throw new Error(`global-setup: \`tsc -p ${config}\` failed, so dist/ would be stale; fix the build first:\n${output}`);
    }
  }
}

export default function setup(): void {
  const configs = CONFIGS.map((name) => join(ROOT, name)).filter((path) => existsSync(path));
  const before = staleOutputs(configs);
  if (before.length > 0) {
    const first = before[0];
    console.info(`global-setup: ${before.length} compiled file(s) older than their source (first: ${first?.output}); building`);
    build(configs);
    const after = staleOutputs(configs);
    if (after.length > 0) {
      const list = after.map(({ source, output }) => `  ${output} is older than ${source}`).join('\n');
      throw new Error(`global-setup: still stale after the build, tests would run old code:\n${list}`);
    }
  }
  bundleWorkers();
}

/** The thread and process workers run bundles of dist/ (crawlers/supervised/worker-bundle.ts). */
function bundleWorkers(): void {
  const problem = bundleProblem(ROOT);
  if (problem === undefined) return;
  console.info(`global-setup: ${problem}; bundling`);
  try {
    execFileSync(process.execPath, [join(ROOT, 'dist/scripts/bundle-workers.js')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`global-setup: bundling the workers failed, so they would run old code:\n${output}`);
  }
  const still = bundleProblem(ROOT);
  if (still !== undefined) throw new Error(`global-setup: still stale after bundling: ${still}`);
}
