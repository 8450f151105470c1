/**
 * Where a bench's results live while it runs, so nothing finished is ever lost: results.json is
 * rewritten atomically after each configuration, and each configuration is also appended to
 * results.jsonl as it completes (the log a resumed bench trusts if results.json was not renamed
 * in time). `--resume <dir>` reads both and runs only what is missing.
 */
import { readFileIfExists } from '../../common/read-input-file.js';
import { BadInputFileError } from '../../common/errors.js';
import { appendFile, cp, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.js';
import { parseJsonLines } from '../../common/json-lines.js';
import { configProblem, loadResults, RESULTS_FILE_NAME } from './load-results.js';
import type { BenchResults, ConfigResult, HistoryEntry, MetricName } from './results.js';
import { METRICS } from './results.js';

export const RESULTS_LOG_NAME = 'results.jsonl';

export interface ResultsStore {
  dir: string;
  /** The results so far (configs in completion order). */
  results: BenchResults;
  /** Records a finished configuration on disk before returning. */
  addConfig(config: ConfigResult): Promise<void>;
}

/** A new store in `dir` (created), holding `results` with no configurations yet. */
export async function createResultsStore(dir: string, results: BenchResults): Promise<ResultsStore> {
  await mkdir(dir, { recursive: true });
  const store = storeFor(dir, results);
  await writeFileAtomic(join(dir, RESULTS_FILE_NAME), JSON.stringify(results, null, 1));
  return store;
}

/** The store of an interrupted bench in `dir`, with every configuration it finished. */
export async function reopenResultsStore(dir: string): Promise<ResultsStore> {
  const results = await loadResults(dir);
  const logged = await readLog(join(dir, RESULTS_LOG_NAME));
  for (const config of logged) {
    if (!results.configs.some((done) => sameConfig(done, config))) results.configs.push(config);
  }
  return storeFor(dir, results);
}

function storeFor(dir: string, results: BenchResults): ResultsStore {
  return {
    dir,
    results,
    async addConfig(config) {
      results.configs.push(config);
      await appendFile(join(dir, RESULTS_LOG_NAME), `${JSON.stringify(config)}\n`);
      await writeFileAtomic(join(dir, RESULTS_FILE_NAME), JSON.stringify(results, null, 1));
    },
  };
}

export function sameConfig(a: Pick<ConfigResult, 'impl' | 'workers'>, b: Pick<ConfigResult, 'impl' | 'workers'>): boolean {
  return a.impl === b.impl && a.workers === b.workers;
}

async function readLog(path: string): Promise<ConfigResult[]> {
  // Absent: no configuration finished before the interruption. Any other error (EACCES) is
  // thrown, never taken for "nothing done", which would silently re-measure the whole bench.
  const text = await readFileIfExists(path);
  if (text === null) return [];
  // A configuration whose line was cut short by a crash is simply run again.
  // Each line is checked as results.json's configurations are, so a foreign or damaged line is
  // refused by number instead of being merged into the resumed bench.
  return parseJsonLines(text, (line) => `${path} line ${line} is corrupt; delete that line to resume`).map(({ lineNumber, value }) => {
    const problem = configProblem(value);
    if (problem !== null) throw new BadInputFileError(`${path} line ${lineNumber} is not a configuration of this bench (it${problem}); delete that line to resume`);
    return value as ConfigResult;
  });
}

/**
 * Replaces `<reportsDir>/latest` with a copy of `dir`. The copy is made beside it and renamed in,
 * so `latest/` is only ever missing for the instant between the removal and the rename.
 */
export async function publishLatest(dir: string, reportsDir: string): Promise<string> {
  const latest = join(reportsDir, 'latest');
  const staging = `${latest}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await cp(dir, staging, { recursive: true });
  await rm(latest, { recursive: true, force: true });
  await rename(staging, latest);
  return latest;
}

/** The compact line `reports/history.jsonl` keeps for each bench. */
export function historyEntryOf(results: BenchResults): HistoryEntry {
  const { environment: env, config } = results;
  const medians: HistoryEntry['medians'] = {};
  for (const entry of results.configs) {
    const row: Partial<Record<MetricName, number | null>> = {};
    for (const metric of METRICS) row[metric] = entry.stats[metric]?.median ?? null;
    medians[`${entry.impl}@${entry.workers}`] = row;
  }
  return {
    createdAt: results.createdAt,
    gitCommit: env.gitCommit,
    gitDirty: env.gitDirty,
    environment: { nodeVersion: env.nodeVersion, cpuModel: env.cpuModel, cpuCount: env.cpuCount, os: env.os },
    config: { profile: config.profile, pages: config.pages, latencyMs: config.latencyMs, runs: config.runs },
    medians,
  };
}

export async function appendHistory(reportsDir: string, entry: HistoryEntry): Promise<string> {
  await mkdir(reportsDir, { recursive: true });
  const path = join(reportsDir, 'history.jsonl');
  await appendFile(path, `${JSON.stringify(entry)}\n`);
  return path;
}
