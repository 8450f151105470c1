import { InvalidArgumentError } from '../../common/errors.js';
import { projectRoot } from '../../common/project-root.js';
import { crawlerSet } from '../../crawlers/crawler-set.js';
import { BENCH_LIMITS, configurationsOf, type BenchOptions, type PlannedConfig } from '../bench/bench-options.js';
import { assertPoolsFit, benchTargetOf, openStore, startFixture, type SessionHooks } from '../bench/bench-session.js';
import { prepareRuntimes } from '../bench/prepare-runtimes.js';
import { writeReport } from '../export/write-report.js';
import { writeAbSummary } from '../export/ab-summary.js';
import { createTreeSampler, type TreeSampler } from '../measure/tree-sampler.js';
import { sweepStaleRunDirs } from '../measure/run-temp-dir.js';
import type { AbRoundPurpose, AbVerdict } from '../results/ab-section.js';
import { publishLatest, saveResults, type ResultsStore } from '../results/results-store.js';
import type { AbSection, BenchResults } from '../results/results.js';
import { calibrationOf, confirmRows, flaggedConfigs, gateVerdict, thresholdsOf } from './ab-gate.js';
import { gateSettingsOf, type AbOptions } from './ab-options.js';
import { prepareBaseWorktree, resolveCommit, sweepStaleBaseWorktrees, type BaseWorktree } from './base-worktree.js';
import { judgeRound } from './judge-pairs.js';
import { primeFixture, runRound, type RoundPlan } from './run-pairs.js';

export interface AbOutcome {
  /** Unset when interrupted before the results directory existed (while the base was being built). */
  dir?: string;
  results?: BenchResults;
  /** False when interrupted: what finished is on disk, but an A/B bench cannot be resumed. */
  complete: boolean;
  verdict?: AbVerdict;
  reportPaths?: { html: string; markdown: string; abSummary: string };
  latestDir?: string;
}

export interface AbHooks extends SessionHooks {
  /** A round begins, with the configurations it runs. */
  onRound?(purpose: AbRoundPurpose, configs: readonly PlannedConfig[]): void;
}

export async function runAbSession(options: BenchOptions & { ab: AbOptions }, hooks: AbHooks = {}, signal?: AbortSignal, sampler: TreeSampler = createTreeSampler()): Promise<AbOutcome> {
  const crawlers = crawlerSet(options.crawlers);
  const commands = options.impls.filter((impl) => crawlers.commands.has(impl));
  if (commands.length > 0) {
    throw new InvalidArgumentError(
      `--against compares the JS models only, which both builds run from their own dist/; drop ${commands.join(', ')} from --impl (native and user crawlers are not built from the base)`,
    );
  }
  // Both repositories' leftovers first: run directories and base worktrees of benches killed by SIGKILL.
  const repoDir = process.cwd();
  sweepStaleRunDirs({ unownedOlderThanMs: BENCH_LIMITS.runTimeoutS.max * 1000 });
  sweepStaleBaseWorktrees(repoDir);
  // A ref that names nothing fails before anything is written.
  await resolveCommit(repoDir, options.ab.againstRef);
  const runtimes = await prepareRuntimes(options.runtimes);
  const { store, truth } = await openStore(options, (results) => assertPoolsFit(results.config));
  const settings = gateSettingsOf(options.ab);
  let base: BaseWorktree;
  try {
    base = await prepareBaseWorktree({ repoDir, headRoot: projectRoot(), ref: options.ab.againstRef, ...(hooks.onNotice ? { onStep: hooks.onNotice } : {}), ...(signal ? { signal } : {}) });
  } catch (error) {
    sampler.close();
    if (signal?.aborted) return { dir: store.dir, results: store.results, complete: false };
    throw error;
  }
  const { environment, config } = store.results;
  const ab: AbSection = {
    base: { ref: base.ref, commit: base.commit, install: base.install },
    head: { commit: environment.gitCommit, dirty: environment.gitDirty },
    pairing: 'abba',
    gate: settings,
    rounds: [],
    calibration: null,
    verdict: null,
  };
  store.results.ab = ab;
  const fixture = await startFixture(config).catch((error: unknown) => {
    sampler.close();
    base.remove();
    throw error;
  });
  try {
    await saveResults(store);
    const target = await benchTargetOf(fixture, truth, config, crawlers, runtimes);
    const planned = configurationsOf(config, () => true);
    const head = {};
    const baseBuild = { entryPath: base.entryPath, entryRoot: base.dir };
    const round = async (plan: RoundPlan, onConfig?: Parameters<typeof runRound>[6]) => {
      hooks.onRound?.(plan.purpose, plan.configs);
      hooks.onStart?.({ dir: store.dir, runsTotal: plan.configs.length * (config.runs + config.warmup) * 2, runsDone: 0 });
      return runRound(plan, config, target, { sampler }, hooks, signal, onConfig);
    };

    const first = planned[0];
    if (first !== undefined) await primeFixture(first, config, target, { sampler }, signal);
    if (signal?.aborted) return { dir: store.dir, results: store.results, complete: false };
    if (options.ab.calibrate) {
      const calibration = await round({ purpose: 'calibration', configs: planned, builds: { base: head, head } });
      if (calibration === null) return { dir: store.dir, results: store.results, complete: false };
      ab.rounds.push(calibration);
      ab.calibration = calibrationOf(calibration.configs, settings);
      await saveResults(store);
    }
    const gate = await round({ purpose: 'gate', configs: planned, builds: { base: baseBuild, head } }, async (sides) => {
      for (const side of sides) await store.addConfig(side);
    });
    if (gate === null) return { dir: store.dir, results: store.results, complete: false };
    // The gate round's configurations are results.configs, where report and compare read them.
    ab.rounds.push({ ...gate, configs: [] });
    const thresholds = thresholdsOf(settings, ab.calibration);
    let rows = judgeRound(store.results.configs, thresholds, settings);
    const flagged = settings.confirm ? flaggedConfigs(rows) : [];
    let confirmationConfigs: BenchResults['configs'] = [];
    if (flagged.length > 0) {
      const again = planned.filter((p) => flagged.some((f) => f.impl === p.impl && f.workers === p.workers && f.runtime === p.runtime));
      const confirmation = await round({ purpose: 'confirmation', configs: again, builds: { base: baseBuild, head } });
      if (confirmation === null) return { dir: store.dir, results: store.results, complete: false };
      ab.rounds.push(confirmation);
      confirmationConfigs = confirmation.configs;
      rows = confirmRows(rows, judgeRound(confirmation.configs, thresholds, settings), judgeRound(confirmation.configs, thresholds, settings, store.results.configs), settings.alpha);
    }
    ab.verdict = gateVerdict({ configs: store.results.configs, confirmationConfigs, rows, settings });
    await saveResults(store);
    return await finish(store, options, ab.verdict);
  } finally {
    sampler.close();
    await fixture.stop();
    base.remove();
  }
}

async function finish(store: ResultsStore, options: BenchOptions, verdict: AbVerdict): Promise<AbOutcome> {
  const written = await writeReport(store.dir, store.results);
  const abSummary = await writeAbSummary(store.dir, store.results);
  const latestDir = await publishLatest(store.dir, options.reportsDir);
  return { dir: store.dir, results: store.results, complete: true, verdict, reportPaths: { ...written, abSummary }, latestDir };
}
