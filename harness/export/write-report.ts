/**
 * Writes `report.html` and `summary.md` into a report directory. Each file appears whole or not at
 * all (see atomic-write.ts), so a reader or a CI upload never sees half a report.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.js';
import type { BenchResults, HistoryEntry } from '../results/results.js';
import { htmlWriter } from './html.js';
import { markdownWriter } from './markdown.js';

export interface WrittenReport {
  /** Path of report.html. */
  html: string;
  /** Path of summary.md. */
  markdown: string;
}

export async function writeReport(dir: string, results: BenchResults, history: HistoryEntry[] = []): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const [html, markdown] = [join(dir, htmlWriter.fileName), join(dir, markdownWriter.fileName)];
  await writeFileAtomic(html, htmlWriter.render(results, { history }));
  await writeFileAtomic(markdown, markdownWriter.render(results, { history }));
  return { html, markdown };
}
