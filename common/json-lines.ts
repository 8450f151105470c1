/**
 * Reads a JSON Lines file that a process appends to (results.jsonl, history.jsonl). A process
 * killed mid-append leaves a cut-off last line, which is dropped; a bad line anywhere else is
 * real damage and is refused with its line number.
 */
import { BadInputFileError } from './errors.js';

export interface JsonLine {
  /** 1-based, for messages. */
  lineNumber: number;
  value: unknown;
}

/** @param badLine the message for an unreadable line that is not the last one */
export function parseJsonLines(text: string, badLine: (lineNumber: number) => string): JsonLine[] {
  const lines = text.split('\n');
  const parsed: JsonLine[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      parsed.push({ lineNumber: i + 1, value: JSON.parse(line) });
    } catch {
      if (lines.slice(i + 1).some((rest) => rest.trim() !== '')) throw new BadInputFileError(badLine(i + 1));
    }
  }
  return parsed;
}
