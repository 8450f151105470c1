/**
 * Where a bench ran, recorded in every results.json so figures are never read without it.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Environment } from '../results/results.js';

export function collectEnvironment(checkoutDir: string): Environment {
  const cpus = os.cpus();
  return {
    nodeVersion: process.versions.node,
    v8Version: process.versions.v8,
    os: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    gitCommit: git(checkoutDir, ['rev-parse', 'HEAD']),
    gitDirty: gitDirty(checkoutDir),
    // Filled in as native crawlers are built (bench-session.ts).
    toolchains: {},
  };
}

function gitDirty(dir: string): boolean | null {
  const status = git(dir, ['status', '--porcelain', '--untracked-files=no']);
  return status === null ? null : status !== '';
}

/** Output of a git command, or null when git or the work tree is missing (a tarball checkout). */
function git(dir: string, args: string[]): string | null {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
