/**
 * Synthetic A/B rounds for the gate's unit tests: a base and a head configuration whose runs carry
 * chosen CPU, memory and wall values, seeded noise on top, so a test states the change it plants.
 */
import { mulberry32 } from '../../common/seeded-random.js';
import { confirmRows, gateVerdict, thresholdsOf } from '../../harness/ab/ab-gate.js';
import { gateSettingsOf } from '../../harness/ab/ab-options.js';
import { judgeRound } from '../../harness/ab/judge-pairs.js';
import type { Side } from '../../harness/results/ab-section.js';
import type { AbSection, BenchResults, ConfigResult, RunResult } from '../../harness/results/results.js';
import { configStateOf, statsOverOkRuns } from './expected-stats.js';
import { makeSampleResults } from './sample-results.js';

export interface SideSpec {
  /** Runs (pairs) of the side. @default 10 */
  runs?: number;
  /** Multiplies every CPU value (1.1: 10 % more CPU per page). @default 1 */
  cpuFactor?: number;
  rssFactor?: number;
  wallFactor?: number;
  /** Relative noise of each value, uniform ± half of it. @default 0.02 */
  noise?: number;
  seed?: number;
  pages?: number;
  requests?: number;
  /** States of the runs by index (1-based); ok where absent. */
  states?: Record<number, RunResult['state']>;
}

const MIB = 1024 * 1024;

/** One side of one configuration: promise-pool@10 on node unless `id` says otherwise. */
export function sidedConfig(side: Side, spec: SideSpec = {}, id: Pick<ConfigResult, 'impl' | 'workers' | 'runtime'> = { impl: 'promise-pool', workers: 10, runtime: 'node' }): ConfigResult {
  const random = mulberry32(spec.seed ?? (side === 'base' ? 1 : 2));
  const noise = spec.noise ?? 0.02;
  const jitter = (): number => 1 + (random() - 0.5) * noise;
  const pages = spec.pages ?? 127;
  const runs: RunResult[] = Array.from({ length: spec.runs ?? 10 }, (_, i) => {
    const state = spec.states?.[i + 1] ?? 'ok';
    const durationMs = 900 * (spec.wallFactor ?? 1) * jitter();
    const cpuMs = 600 * (spec.cpuFactor ?? 1) * jitter();
    const rss = 66 * MIB * (spec.rssFactor ?? 1) * jitter();
    return {
      index: i + 1,
      state,
      ...(state === 'ok' ? {} : { reason: 'visited 126 of 127 pages' }),
      durationMs,
      durationSource: 'crawler',
      processWallMs: durationMs + 300,
      startupMs: 0,
      cpuMs,
      cpuUserMs: cpuMs * 0.8,
      cpuSystemMs: cpuMs * 0.2,
      loadCpuMs: null,
      cpuPerPageMs: null,
      peakRssBytes: rss,
      peakPssBytes: rss * 0.55,
      rootMaxRssBytes: rss,
      maxPids: 1,
      pages: state === 'ok' ? pages : pages - 1,
      pagesPerSec: (pages / durationMs) * 1000,
      requests: spec.requests ?? pages + 3,
      bytes: pages * 14_000,
      errors: 5,
      restarts: 0,
      maxInFlight: 10,
      timeline: [],
    };
  });
  return { ...id, side, runtimeInfo: null, origin: 'js', state: configStateOf(runs), reason: null, lowerBoundMs: 650, ratioToLowerBound: 1.4, runs, stats: statsOverOkRuns(runs) };
}

/** A round of one configuration: base with `base`, head with `head`. */
export function round(base: SideSpec, head: SideSpec, id?: Pick<ConfigResult, 'impl' | 'workers' | 'runtime'>): ConfigResult[] {
  return [sidedConfig('base', base, id), sidedConfig('head', head, id)];
}

/**
 * A complete A/B results file: the sample bench's header, promise-pool@10 with the head using
 * `head.cpuFactor` more CPU, the gate judged (and confirmed with a second round like the first).
 */
export function abResults(head: SideSpec = { cpuFactor: 1.1 }, acceptBehaviourChange = false): BenchResults {
  const settings = gateSettingsOf({ acceptBehaviourChange, confirm: true });
  const configs = round({}, head);
  const again = round({ seed: 31 }, { ...head, seed: 32 });
  const thresholds = thresholdsOf(settings, null);
  const rows = confirmRows(judgeRound(configs, thresholds, settings), judgeRound(again, thresholds, settings), judgeRound(again, thresholds, settings, configs), settings.alpha);
  const ab: AbSection = {
    base: { ref: 'origin/main', commit: 'abcdef0123456789abcdef0123456789abcdef01', install: 'linked' },
    head: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
    pairing: 'abba',
    gate: settings,
    rounds: [
      { purpose: 'gate', order: [], configs: [] },
      { purpose: 'confirmation', order: [], configs: again },
    ],
    calibration: null,
    verdict: gateVerdict({ configs, confirmationConfigs: again, rows, settings }),
  };
  return makeSampleResults({ configs, ab, config: { ...makeSampleResults().config, impls: ['promise-pool'], workers: [10], runs: 10 } });
}
