/**
 * Flags of `npm run report`, parsed and validated once.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../common/errors.js';

export const DEFAULT_HISTORY_FILE = join('reports', 'history.jsonl');

export const REPORT_USAGE = `Usage: npm run report -- <results.json | report dir> [--history FILE] [--out DIR]

Rebuilds report.html and summary.md from a bench's results.json.

  --history FILE  trend data, one JSON line per bench (default: ${DEFAULT_HISTORY_FILE} when it exists)
  --out DIR       where to write (default: beside the results)
  --help          show this text

Exit status: 0 written, 2 bad input (missing file, bad JSON, wrong schema version).`;

export interface ReportArgs {
  help: boolean;
  /** A results.json or a directory holding one. */
  input: string;
  /** Null: draw no trend. */
  historyFile: string | null;
  outDir: string;
}

/**
 * @param isDirectory tells whether the input is a report directory (so `--out` defaults to it
 *   rather than to its parent); injected so parsing stays free of file-system calls in tests.
 */
export function parseReportArgs(argv: string[], isDirectory: (path: string) => boolean): ReportArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      history: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help === true) return { help: true, input: '', historyFile: null, outDir: '' };
  if (positionals.length !== 1) {
    throw new InvalidArgumentError(`expected one results.json or report directory, got ${positionals.length} (see --help)`);
  }
  const input = positionals[0] ?? '';
  if (values.history === '') throw new InvalidArgumentError('--history needs a file path');
  if (values.out === '') throw new InvalidArgumentError('--out needs a directory path');
  const historyFile = values.history ?? (existsSync(DEFAULT_HISTORY_FILE) ? DEFAULT_HISTORY_FILE : null);
  return { help: false, input, historyFile, outDir: values.out ?? (isDirectory(input) ? input : dirname(input)) };
}
