/** The compiled command-line tools run as a user would (the e2e global setup builds dist/ first). */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** Runs the compiled `compare` CLI and returns what a user would see. */
export async function runCompareCli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL('../../dist/scripts/compare.js', import.meta.url));
  const result = await execa('node', [script, ...args], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export interface BenchCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the compiled `bench` CLI in `cwd` (its reports/ lands there) and returns what a user would
 * see; `onSpawn` gets the child, e.g. to watch its process tree or interrupt it.
 */
export function runBenchCli(args: string[], cwd: string, onSpawn?: (child: ChildProcess) => void): Promise<BenchCliRun> {
  const script = fileURLToPath(new URL('../../dist/scripts/bench.js', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    onSpawn?.(child);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
