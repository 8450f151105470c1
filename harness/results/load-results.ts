/**
 * Reads a `results.json` back from disk for the report and compare commands.
 *
 * NOTE: the shape checked here is `BenchResults` in harness/results.ts; a field made required there
 * that the report or compare reads should be checked here too.
 */
import { describeFsError, readInputFile } from '../../common/read-input-file.js';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputFileError } from '../../common/errors.js';
import { RESULTS_SCHEMA_VERSION, type BenchResults } from './results.js';

/** The file a bench writes into its report directory. */
export const RESULTS_FILE_NAME = 'results.json';

/**
 * Loads and checks a bench's results.
 *
 * @param pathOrDir a `results.json` file, or a report directory holding one.
 * @throws BadInputFileError with a one-line reason when the file is missing, unreadable, not JSON,
 *   of another schema version, or not shaped like `BenchResults`.
 */
export async function loadResults(pathOrDir: string): Promise<BenchResults> {
  const file = await resolveResultsFile(pathOrDir);
  const text = await readInputFile(file, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8 quotes the start of the text, newlines included; the CLI prints one line.
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    throw new BadInputFileError(`${file} is not valid JSON (${detail}); was the bench interrupted while writing it?`);
  }
  const problem = shapeProblem(parsed);
  if (problem !== null) throw new BadInputFileError(`${file} is not a crawlbench results file: ${problem}`);
  return parsed as BenchResults;
}

async function resolveResultsFile(pathOrDir: string): Promise<string> {
  try {
    const info = await stat(pathOrDir);
    return info.isDirectory() ? join(pathOrDir, RESULTS_FILE_NAME) : pathOrDir;
  } catch (error) {
    throw new BadInputFileError(`cannot read ${pathOrDir}: ${describeFsError(error)} (give a results.json or a report directory, e.g. reports/latest)`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first thing wrong with `value` as BenchResults, or null. Checks what readers rely on, not every field. */
function shapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the top level is not an object';
  if (!('schemaVersion' in value)) return 'it has no schemaVersion';
  if (value.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    return `schemaVersion is ${JSON.stringify(value.schemaVersion)} but this crawlbench reads ${RESULTS_SCHEMA_VERSION} (re-run the bench with this version)`;
  }
  if (typeof value.createdAt !== 'string') return 'createdAt is not a string';
  if (!isRecord(value.environment)) return 'environment is not an object';
  if (!isRecord(value.config)) return 'config is not an object';
  if (!Array.isArray(value.configs)) return 'configs is not an array';
  for (const [i, config] of value.configs.entries()) {
    if (!isRecord(config)) return `configs[${i}] is not an object`;
    if (typeof config.impl !== 'string') return `configs[${i}].impl is not a string`;
    if (typeof config.workers !== 'number') return `configs[${i}].workers is not a number`;
    if (config.state !== 'completed' && config.state !== 'failed') return `configs[${i}].state is not "completed" or "failed"`;
    if (!Array.isArray(config.runs)) return `configs[${i}].runs is not an array`;
    if (!isRecord(config.stats)) return `configs[${i}].stats is not an object`;
    for (const [j, run] of config.runs.entries()) {
      if (!isRecord(run)) return `configs[${i}].runs[${j}] is not an object`;
      if (run.state !== 'ok' && run.state !== 'invalid' && run.state !== 'failed') {
        return `configs[${i}].runs[${j}].state is not "ok", "invalid" or "failed"`;
      }
      if (!Array.isArray(run.timeline)) return `configs[${i}].runs[${j}].timeline is not an array`;
    }
  }
  return null;
}
