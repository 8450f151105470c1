/**
 * Where a bench's results live while it runs, so nothing finished is ever lost: results.json is
 * rewritten atomically after each configuration, and each configuration is also appended to
 * results.jsonl as it completes (the log a resumed bench trusts if results.json was not renamed
 * in time). `--resume <dir>` reads both and runs only what is missing.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, cp, mkdir, readdir, rename, rm, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BadInputFileError, InvalidArgumentError, UnwritableOutputError } from '../../common/errors.js';
import { describeFsError, errorCode, readFileIfExists } from '../../common/read-input-file.js';
import { writeFileAtomic } from '../../common/atomic-write.js';
import { parseJsonLines } from '../../common/json-lines.js';
import { configProblem, loadResults, RESULTS_FILE_NAME, upgradeConfig } from './load-results.js';
import { isRecord } from '../../common/is-record.js';
import type { BenchResults, ConfigResult, HistoryEntry, MetricName } from './results.js';
import { METRICS } from './results.js';
import { configKey, sameConfig } from './config-identity.js';

export const RESULTS_LOG_NAME = 'results.jsonl';

export interface ResultsStore {
  dir: string;
  /** The results so far (configs in completion order). */
  results: BenchResults;
  /** Records a finished configuration on disk before returning. */
  addConfig(config: ConfigResult): Promise<void>;
}

/**
 * A new store, holding `results` with no configurations yet, in a directory of its own:
 * - `{ dir }` (from `--out`): used only when it is absent or empty, so two benches never mix;
 * - `{ base }` (the default `reports/<timestamp>`): created exclusively, so two benches started in
 *   the same second get `<timestamp>` and `<timestamp>-2`, never one directory between them.
 * @throws InvalidArgumentError for a non-empty `--out`, UnwritableOutputError when it cannot be made
 */
export async function createResultsStore(where: { dir: string } | { base: string }, results: BenchResults): Promise<ResultsStore> {
  const dir = 'dir' in where ? await claimOutDir(where.dir) : await claimNewDir(where.base);
  const store = storeFor(dir, results);
  await writeResultsJson(dir, results);
  return store;
}

/**
 * The store of an interrupted bench in `dir`, with every configuration it finished.
 * `repaired` says that a cut-off last line of results.jsonl (a kill mid-write) was removed, so the
 * next line appended starts on a line of its own instead of being glued to the fragment.
 */
export async function reopenResultsStore(dir: string): Promise<ResultsStore & { repaired: boolean }> {
  const results = await loadResults(dir);
  const logPath = join(dir, RESULTS_LOG_NAME);
  const repaired = await dropCutOffLine(logPath);
  const logged = await readLog(logPath);
  for (const config of logged) {
    if (!results.configs.some((done) => sameConfig(done, config))) results.configs.push(config);
  }
  return { ...storeFor(dir, results), repaired };
}

/** Truncates a log whose last line has no newline (it was cut off); true when it did. */
async function dropCutOffLine(path: string): Promise<boolean> {
  const text = await readFileIfExists(path);
  if (text === null || text === '' || text.endsWith('\n')) return false;
  await truncate(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  return true;
}

async function claimOutDir(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
    const entries = await readdir(dir);
    if (entries.length > 0) {
      throw new InvalidArgumentError(`--out ${dir} is not empty; give a new directory, or finish the bench there with --resume ${dir}`);
    }
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new UnwritableOutputError(`cannot write results to ${dir}: ${describeFsError(error)} (give a writable directory with --out)`);
  }
  return dir;
}

async function claimNewDir(base: string): Promise<string> {
  try {
    await mkdir(dirname(base), { recursive: true });
    for (let n = 1; ; n += 1) {
      const dir = n === 1 ? base : `${base}-${n}`;
      try {
        await mkdir(dir);
        return dir;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
    }
  } catch (error) {
    throw new UnwritableOutputError(`cannot create a results directory beside ${base}: ${describeFsError(error)} (give a writable directory with --out)`);
  }
}

function storeFor(dir: string, results: BenchResults): ResultsStore {
  return {
    dir,
    results,
    async addConfig(config) {
      results.configs.push(config);
      await appendFile(join(dir, RESULTS_LOG_NAME), `${JSON.stringify(config)}\n`);
      await writeResultsJson(dir, results);
    },
  };
}

/** Rewrites a store's results.json, atomically, with what it holds now (an A/B bench's `ab` section after each round). */
export async function saveResults(store: Pick<ResultsStore, 'dir' | 'results'>): Promise<void> {
  await writeResultsJson(store.dir, store.results);
}

function writeResultsJson(dir: string, results: BenchResults): Promise<void> {
  return writeFileAtomic(join(dir, RESULTS_FILE_NAME), JSON.stringify(results, null, 1));
}

async function readLog(path: string): Promise<ConfigResult[]> {
  // Absent: no configuration finished before the interruption. Any other error (EACCES) is
  // thrown, never taken for "nothing done", which would silently re-measure the whole bench.
  const text = await readFileIfExists(path);
  if (text === null) return [];
  // A configuration whose line was cut short by a crash is simply run again.
  // Each line is checked as results.json's configurations are, so a foreign or damaged line is
  // refused by number instead of being merged into the resumed bench.
  return parseJsonLines(text, (line) => `${path} line ${line} is corrupt; delete that line to resume`).map(({ lineNumber, value: line }) => {
    // A bench begun by an older crawlbench logged older lines.
    const value = isRecord(line) ? upgradeConfig(line) : line;
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
  // Names of this call alone: two benches publishing at once must not share a staging copy.
  const own = `${process.pid}-${randomUUID()}`;
  const staging = `${latest}.${own}.tmp`;
  const retired = `${latest}.${own}.old`;
  await cp(dir, staging, { recursive: true });
  // rename() cannot replace a non-empty directory, so the current latest/ is first moved aside;
  // when another bench slips its own in between, this one moves that aside too and tries again.
  // Each rename is atomic, so latest/ is always one bench's copy, whole: the last one wins.
  for (let attempt = 0; ; attempt += 1) {
    await rename(latest, retired).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
    try {
      await rename(staging, latest);
      break;
    } catch (error) {
      const code = errorCode(error);
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= PUBLISH_ATTEMPTS) throw error;
      await rm(retired, { recursive: true, force: true });
    }
  }
  await rm(retired, { recursive: true, force: true });
  return latest;
}

/** Benches racing for latest/ at once; each round lets one of them through. */
const PUBLISH_ATTEMPTS = 100;

/** The compact line `reports/history.jsonl` keeps for each bench. */
export function historyEntryOf(results: BenchResults): HistoryEntry {
  const { environment: env, config } = results;
  const medians: HistoryEntry['medians'] = {};
  for (const entry of results.configs) {
    const row: Partial<Record<MetricName, number | null>> = {};
    for (const metric of METRICS) row[metric] = entry.stats[metric]?.median ?? null;
    medians[configKey(entry)] = row;
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
