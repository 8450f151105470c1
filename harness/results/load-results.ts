/**
 * Reads a `results.json` back from disk for the report and compare commands.
 *
 * NOTE: the shape checked here is `BenchResults` in harness/results.ts; a field made required there
 * that the report or compare reads should be checked here too.
 */
import { isRecord } from '../../common/is-record.js';
import { describeFsError, readInputFile } from '../../common/read-input-file.js';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadInputFileError } from '../../common/errors.js';
import { METRICS, RESULTS_SCHEMA_VERSION, type BenchResults } from './results.js';
import { DEFAULT_RUNTIME } from '../../crawlers/runtime/default-runtime.js';

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
  const upgraded = upgradeResults(parsed);
  const problem = shapeProblem(upgraded);
  if (problem !== null) throw new BadInputFileError(`${file} is not a crawlbench results file: ${problem}`);
  return upgraded as BenchResults;
}

/**
 * Reads an older file as the current version (see results.ts), one version at a time. Anything
 * else is returned as it is, for shapeProblem to judge.
 */
export function upgradeResults(parsed: unknown): unknown {
  return upgradeFrom3(upgradeFrom2(upgradeFrom1(parsed)));
}

/**
 * Version 1 → 2: the two states become one, the fields added since take the values a version 1
 * bench implied (JS models only, no toolchains).
 */
function upgradeFrom1(parsed: unknown): unknown {
  if (!isRecord(parsed) || parsed.schemaVersion !== 1 || !Array.isArray(parsed.configs) || !isRecord(parsed.config) || !isRecord(parsed.environment)) return parsed;
  const configs = parsed.configs.map((config: unknown) => {
    if (!isRecord(config) || !Array.isArray(config.runs)) return config;
    const { valid, ...rest } = config;
    const state = config.state === 'failed' ? 'failed' : valid === true ? 'ok' : 'partial';
    const stats = Object.fromEntries(METRICS.map((metric) => [metric, (isRecord(config.stats) ? config.stats[metric] : undefined) ?? null]));
    const runs = config.runs.map((run: unknown) => (isRecord(run) ? { durationSource: run.durationMs === null ? null : 'crawler', ...run } : run));
    return { ...rest, origin: 'js', state, reason: null, stats, runs };
  });
  return {
    ...parsed,
    schemaVersion: 2,
    environment: { toolchains: {}, ...parsed.environment },
    config: { commandWorkers: [], crawlers: {}, ...parsed.config },
    notablePages: parsed.notablePages ?? [],
    configs,
  };
}

/**
 * Version 2 → 3: every JS model ran on the harness's own Node (`node`), whose details beyond
 * `environment.nodeVersion` were not recorded; command crawlers have no runtime.
 */
function upgradeFrom2(parsed: unknown): unknown {
  if (!isRecord(parsed) || parsed.schemaVersion !== 2 || !Array.isArray(parsed.configs) || !isRecord(parsed.config)) return parsed;
  return {
    ...parsed,
    schemaVersion: 3,
    config: { runtimes: [DEFAULT_RUNTIME], ...parsed.config },
    configs: parsed.configs.map((config: unknown) => (isRecord(config) ? upgradeConfigFrom2(config) : config)),
  };
}

/** One configuration record of version 2 as version 3 (also a results.jsonl line of a resumed version 2 bench). */
function upgradeConfigFrom2(config: Record<string, unknown>): Record<string, unknown> {
  if ('runtime' in config) return config;
  return { ...config, runtime: config.origin === 'native' || config.origin === 'user' ? null : DEFAULT_RUNTIME, runtimeInfo: null };
}

/** Version 3 → 4: no run of version 3 measured its load CPU, so neither it nor CPU per page is known. */
function upgradeFrom3(parsed: unknown): unknown {
  if (!isRecord(parsed) || parsed.schemaVersion !== 3 || !Array.isArray(parsed.configs)) return parsed;
  return { ...parsed, schemaVersion: RESULTS_SCHEMA_VERSION, configs: parsed.configs.map((config: unknown) => (isRecord(config) ? upgradeConfigFrom3(config) : config)) };
}

function upgradeConfigFrom3(config: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(config.runs) || (isRecord(config.stats) && 'cpuPerPageMs' in config.stats)) return config;
  const runs = config.runs.map((run: unknown) => (isRecord(run) && !('cpuPerPageMs' in run) ? { ...run, loadCpuMs: null, cpuPerPageMs: null } : run));
  return { ...config, runs, stats: { ...(isRecord(config.stats) ? config.stats : {}), cpuPerPageMs: null } };
}

/** One configuration record of an older version as the current one (a results.jsonl line of a bench begun by an older crawlbench). */
export function upgradeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return upgradeConfigFrom3(upgradeConfigFrom2(config));
}

async function resolveResultsFile(pathOrDir: string): Promise<string> {
  try {
    const info = await stat(pathOrDir);
    return info.isDirectory() ? join(pathOrDir, RESULTS_FILE_NAME) : pathOrDir;
  } catch (error) {
    throw new BadInputFileError(`cannot read ${pathOrDir}: ${describeFsError(error)} (give a results.json or a report directory, e.g. reports/latest)`);
  }
}

/** The first thing wrong with `value` as BenchResults, or null. Checks what readers rely on, not every field. */
function shapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the top level is not an object';
  if (!('schemaVersion' in value)) return 'it has no schemaVersion';
  if (value.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    return `schemaVersion is ${JSON.stringify(value.schemaVersion)} but this crawlbench reads ${RESULTS_SCHEMA_VERSION} (and upgrades 1 to 3); re-run the bench with this version`;
  }
  if (typeof value.createdAt !== 'string') return 'createdAt is not a string';
  if (!isRecord(value.environment)) return 'environment is not an object';
  if (typeof value.environment.nodeVersion !== 'string' || typeof value.environment.cpuModel !== 'string') return 'environment has no nodeVersion or cpuModel';
  if (!isRecord(value.config)) return 'config is not an object';
  for (const key of ['pages', 'latencyMs', 'runs', 'seed'] as const) if (typeof value.config[key] !== 'number') return `config.${key} is not a number`;
  for (const key of ['impls', 'runtimes', 'workers', 'commandWorkers'] as const) if (!Array.isArray(value.config[key])) return `config.${key} is not an array`;
  if (!Array.isArray(value.configs)) return 'configs is not an array';
  if (value.ab !== undefined && !(isRecord(value.ab) && Array.isArray(value.ab.rounds) && isRecord(value.ab.base))) return 'ab is not an A/B section (base, rounds)';
  for (const [i, config] of value.configs.entries()) {
    if (!isRecord(config)) return `configs[${i}] is not an object`;
    if (typeof config.impl !== 'string') return `configs[${i}].impl is not a string`;
    if (typeof config.workers !== 'number') return `configs[${i}].workers is not a number`;
    const problem = configProblem(config);
    if (problem !== null) return `configs[${i}]${problem}`;
  }
  return null;
}

const CONFIG_STATES = ['ok', 'partial', 'failed', 'skipped'];
const RUN_STATES = ['ok', 'invalid', 'failed'];

/**
 * What is wrong with one configuration record (completing "configs[3]…"), or null. Also the
 * check of every results.jsonl line a resumed bench reads back.
 */
export function configProblem(config: unknown): string | null {
  if (!isRecord(config)) return ' is not an object';
  if (typeof config.impl !== 'string') return '.impl is not a string';
  if (typeof config.workers !== 'number') return '.workers is not a number';
  if (config.runtime !== null && typeof config.runtime !== 'string') return '.runtime is neither a runtime name nor null';
  if (config.side !== undefined && config.side !== 'base' && config.side !== 'head') return '.side is neither base nor head';
  if (!CONFIG_STATES.includes(config.state as string)) return `.state is not one of ${CONFIG_STATES.join(', ')}`;
  if (!Array.isArray(config.runs)) return '.runs is not an array';
  if (!isRecord(config.stats)) return '.stats is not an object';
  for (const [j, run] of config.runs.entries()) {
    if (!isRecord(run)) return `.runs[${j}] is not an object`;
    if (!RUN_STATES.includes(run.state as string)) return `.runs[${j}].state is not one of ${RUN_STATES.join(', ')}`;
    if (!Array.isArray(run.timeline)) return `.runs[${j}].timeline is not an array`;
  }
  return null;
}
