/**
 * Small process helpers shared by everything that runs a crawler in a process group of its own.
 */
import type { Readable } from 'node:stream';

/** How much of a child's stderr is kept for the failure reason. */
const STDERR_KEPT_BYTES = 8 * 1024;

/** Kills a whole process group (the child was spawned `detached`); a gone group is fine. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/** Keeps the last few KiB of a stream, for the one line a failure is reported with. */
export function tailOf(stream: Readable | null): { text: () => string } {
  let kept = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    kept = (kept + chunk).slice(-STDERR_KEPT_BYTES);
  });
  return { text: () => kept };
}

/** The last non-empty line of a text, trimmed; '' for none. */
export function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? ''
  );
}

/** "exited with code 3", "killed by SIGSEGV": how a process that failed ended. */
export function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
}
