/** The compiled command-line tools run as a user would (the e2e global setup builds dist/ first). */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** Runs the compiled `compare` CLI and returns what a user would see. */
export async function runCompareCli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL('../../dist/scripts/compare.js', import.meta.url));
  const result = await execa('node', [script, ...args], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
