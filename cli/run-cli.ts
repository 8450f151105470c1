/**
 * The one place where a command-line entry point turns failures into exit codes, so every
 * script prints one line and never a stack trace for bad input.
 *
 * Exit codes: 0 success, 1 the job ran and failed (unreachable host, invalid runs, regression),
 * 2 bad input (flags, files, missing tools), 130 interrupted, 70 an internal error (sysexits'
 * EX_SOFTWARE: a bug, never a user-fixable case; the stack is shown only with CRAWLBENCH_DEBUG=1).
 * A `CrawlbenchError` is printed as `name: message [CODE]`, its status from `EXIT_STATUS`.
 */
import { CrawlbenchError } from '../common/errors.js';
import { errorCode } from '../common/read-input-file.js';

export async function runCli(name: string, main: (argv: string[]) => Promise<number | undefined>): Promise<void> {
  try {
    const code = await main(process.argv.slice(2));
    process.exitCode = code ?? 0;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    process.stderr.write(`${name}: ${messageFor(error)}${error instanceof CrawlbenchError ? ` [${error.code}]` : ''}\n`);
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
  return errorCode(error) !== undefined;
}
