/**
 * The invalid runs and failed configurations of a bench, listed once for every format's banner.
 * A reader must never take a figure at face value without seeing that runs were left out of it.
 */
import { configKey } from '../results/config-identity.js';
import type { BenchResults } from '../results/results.js';
import { plural } from './format.js';

export interface RunProblem {
  /** `impl@workers`, `impl/runtime@workers` (config-identity.ts). */
  label: string;
  impl: string;
  workers: number;
  /**
   * A failed configuration with no runs at all (a native build that failed) carries its own
   * `reason`, which is shown here; a skipped one is not a problem (see crawler-notes.ts).
   * `invalid-run`: a run finished with the wrong visited set (excluded from statistics).
   * `failed-run`: one run timed out or crashed while other runs of its configuration were ok.
   * `failed-config`: no run of the configuration was ok, so it has no figures at all.
   */
  kind: 'invalid-run' | 'failed-run' | 'failed-config';
  /** The run's `index`; null for a whole configuration. */
  runIndex: number | null;
  /** As recorded by the bench; for a failed configuration, its runs' distinct reasons. */
  reason: string;
}

export interface ProblemSummary {
  problems: RunProblem[];
  /** One line for a banner, e.g. `1 invalid run, 1 failed configuration (child-processes@50)`; empty when all is well. */
  headline: string;
}

const NO_REASON = 'no reason recorded';

export function listRunProblems(results: BenchResults): ProblemSummary {
  const problems: RunProblem[] = [];
  for (const config of results.configs) {
    const label = configKey(config);
    const base = { label, impl: config.impl, workers: config.workers };
    // A skipped crawler (its toolchain is missing) is shown in its row, not as a problem.
    if (config.state === 'skipped') continue;
    if (config.state === 'failed') {
      const reasons = [...new Set(config.runs.map((run) => `${run.state === 'failed' ? '' : `${run.state}: `}${oneLine(run.reason ?? NO_REASON)}`))];
      const reason = config.runs.length === 0 ? oneLine(config.reason ?? 'no run was recorded') : `${config.runs.length} of ${config.runs.length} runs not ok (${reasons.join('; ')})`;
      problems.push({ ...base, kind: 'failed-config', runIndex: null, reason });
      continue;
    }
    for (const run of config.runs) {
      if (run.state === 'ok') continue;
      problems.push({
        ...base,
        kind: run.state === 'invalid' ? 'invalid-run' : 'failed-run',
        runIndex: run.index,
        reason: oneLine(run.reason ?? NO_REASON),
      });
    }
  }
  return { problems, headline: headline(problems) };
}

/** Human text for one problem, e.g. `worker-threads@10 run 3 invalid: …`. */
export function describeProblem(problem: RunProblem): string {
  if (problem.kind === 'failed-config') return `${problem.label} failed: ${problem.reason}`;
  const state = problem.kind === 'invalid-run' ? 'invalid' : 'failed';
  return `${problem.label} run ${problem.runIndex ?? '?'} ${state}: ${problem.reason}`;
}

function headline(problems: RunProblem[]): string {
  const count = (kind: RunProblem['kind']): RunProblem[] => problems.filter((p) => p.kind === kind);
  const parts: string[] = [];
  const invalid = count('invalid-run');
  const failedRuns = count('failed-run');
  const failedConfigs = count('failed-config');
  if (invalid.length > 0) parts.push(plural(invalid.length, 'invalid run'));
  if (failedRuns.length > 0) parts.push(plural(failedRuns.length, 'failed run'));
  if (failedConfigs.length > 0) {
    parts.push(`${plural(failedConfigs.length, 'failed configuration')} (${failedConfigs.map((p) => p.label).join(', ')})`);
  }
  if (parts.length === 0) return '';
  return `${parts.join(', ')}: excluded from every statistic below.`;
}
/** Reasons can hold a stack or a child's stderr; a banner line must stay one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
