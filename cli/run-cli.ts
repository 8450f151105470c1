/**
 * The one place where a command-line entry point turns failures into exit codes, so every
 * script prints one line and never a stack trace for bad input.
 *
 * Exit codes: 0 success, 1 the job ran and failed (unreachable host, invalid runs, regression),
 * 2 bad input (flags, files), 130 interrupted, 70 an internal error (a bug: the stack is shown
 * only with CRAWLBENCH_DEBUG=1).
 */
import { CrawlbenchError } from '../common/errors.js';

export async function runCli(name: string, main: (argv: string[]) => Promise<number | void>): Promise<void> {
  try {
    const code = await main(process.argv.slice(2));
    process.exitCode = code ?? 0;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    process.stderr.write(`${name}: ${messageFor(error)}\n`);
    if (process.env.CRAWLBENCH_DEBUG === '1' && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CrawlbenchError) return error.exitCode;
  // util.parseArgs throws these for unknown flags and missing values.
  if (isNodeError(error) && error.code?.startsWith('ERR_PARSE_ARGS_')) return 2;
  return 70;
}

function messageFor(error: unknown): string {
  if (error instanceof CrawlbenchError) return error.message;
  if (isNodeError(error) && error.code?.startsWith('ERR_PARSE_ARGS_')) {
    return `${error.message} (see --help)`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `internal error: ${text} (rerun with CRAWLBENCH_DEBUG=1 for the stack, and please report it)`;
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
