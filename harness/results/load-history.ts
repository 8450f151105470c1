/**
 * Reads `reports/history.jsonl`, one `HistoryEntry` per line, appended by each bench.
 */
import { readInputFile } from '../../common/read-input-file.js';
import { BadInputFileError } from '../../common/errors.js';
import { parseJsonLines } from '../../common/json-lines.js';
import type { HistoryEntry } from './results.js';

/**
 * @returns the entries oldest first, as appended.
 * @throws BadInputFileError naming the file and line when a line is not a history entry, or the
 *   file cannot be read.
 */
export async function loadHistory(file: string): Promise<HistoryEntry[]> {
  const text = await readInputFile(file, 'history');
  return parseJsonLines(text, (line) => `${file} line ${line} is not valid JSON; remove or fix that line`).map(({ lineNumber, value }) => {
    if (!isHistoryEntry(value)) throw new BadInputFileError(`${file} line ${lineNumber} is not a history entry (needs createdAt and medians)`);
    return value;
  });
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.createdAt === 'string' && typeof record.medians === 'object' && record.medians !== null;
}
