/**
 * Writes `report.html` and `summary.md` into a report directory. Each file appears whole or not at
 * all (temp file + rename in the same directory), so a reader or a CI upload never sees half a report.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResults, HistoryEntry } from '../results.js';
import { htmlWriter } from './html.js';
import { markdownWriter } from './markdown.js';
import type { ResultsWriter } from './writer.js';

export interface WrittenReport {
  /** Path of report.html. */
  html: string;
  /** Path of summary.md. */
  markdown: string;
}

export async function writeReport(dir: string, results: BenchResults, history: HistoryEntry[] = []): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const html = await writeAtomically(dir, htmlWriter, results, history);
  const markdown = await writeAtomically(dir, markdownWriter, results, history);
  return { html, markdown };
}

async function writeAtomically(dir: string, writer: ResultsWriter, results: BenchResults, history: HistoryEntry[]): Promise<string> {
  const target = join(dir, writer.fileName);
  const temp = join(dir, `.${writer.fileName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, writer.render(results, { history }), 'utf8');
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return target;
}
