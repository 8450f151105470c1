/**
 * Reads `reports/history.jsonl`, one `HistoryEntry` per line, appended by each bench.
 */
import { readFile } from 'node:fs/promises';
import { BadInputFileError } from '../crawlers/errors.js';
import type { HistoryEntry } from './results.js';

/**
 * @returns the entries oldest first, as appended.
 * @throws BadInputFileError naming the file and line when a line is not a history entry, or the
 *   file cannot be read.
 */
export async function loadHistory(file: string): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    throw new BadInputFileError(`cannot read history ${file}: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  const entries: HistoryEntry[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A bench killed mid-append leaves a partial last line; anything earlier is real damage.
      if (i === lines.length - 1 || lines.slice(i + 1).every((rest) => rest.trim() === '')) continue;
      throw new BadInputFileError(`${file} line ${i + 1} is not valid JSON; remove or fix that line`);
    }
    if (!isHistoryEntry(value)) throw new BadInputFileError(`${file} line ${i + 1} is not a history entry (needs createdAt and medians)`);
    entries.push(value);
  }
  return entries;
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.createdAt === 'string' && typeof record.medians === 'object' && record.medians !== null;
}
