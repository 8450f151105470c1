/**
 * The A/B gate's decisions, pure and deterministic (the session runs the rounds, this judges them):
 *
 * 1. behaviour: pages, requests, bytes and validity identical between the sides, or the gate fails
 *    with "behaviour changed" (unless accepted);
 * 2. then, per metric in layer order (ab-metrics.ts), the paired judgement of judge-pairs.ts against
 *    a threshold that is the metric's floor or the A/A calibration's noise band, whichever is wider;
 * 3. a regression flagged in the gate round counts only when the confirmation round, run again on
 *    the flagged configurations alone, replicates it: on its own pairs the change is significant
 *    (p < alpha) in the same direction, and the pairs of both rounds together still put the whole
 *    interval beyond the threshold. The first condition is independent evidence, since the round
 *    that selected the row plays no part in it: noise has to strike the same metric of the same
 *    configuration twice (under no change, at most alpha / 2 of the flagged rows survive it). The
 *    second keeps the size criterion, now on twice the pairs, so a real change is confirmed more
 *    often than if the second round, half the evidence, had to clear the threshold alone.
 */
import type { AbCalibration, AbGateSettings, AbJudgement, AbMetricName, AbRow, AbVerdict, BehaviourChange } from '../results/ab-section.js';
import type { ConfigIdentity } from '../results/config-identity.js';
import type { ConfigResult } from '../results/results.js';
import { minimumPairs } from '../stats/wilcoxon-signed-rank.js';
import { AB_METRIC_ORDER } from './ab-metrics.js';
import { behaviourChanges } from './behaviour-check.js';
import { judgeRound } from './judge-pairs.js';

/**
 * The noise band of an A/A round: per metric, the largest change (in absolute percent) that any
 * configuration's median ratio showed. Both slots ran the same build, so each such change is what
 * noise, drift and order effect left after pairing make of no change at all, on this machine, at
 * this many pairs. A gate change must then have its whole interval beyond it. (Not the A/A
 * interval's bound: the gate's own interval already carries the sampling uncertainty, and
 * counting it twice would ask a change to clear two interval widths, halving the power for
 * nothing.) A metric no row measured has a band of 0.
 */
export function noiseBandOf(rows: readonly AbRow[]): Record<AbMetricName, number> {
  const band = Object.fromEntries(AB_METRIC_ORDER.map((metric) => [metric, 0])) as Record<AbMetricName, number>;
  for (const row of rows) band[row.metric] = Math.max(band[row.metric], Math.abs(row.changePct));
  return band;
}

/** The calibration of an A/A round (the head in both slots). */
export function calibrationOf(configs: readonly ConfigResult[], settings: AbGateSettings): AbCalibration {
  const rows = judgeRound(configs, settings.floorPct, settings);
  return { bandPct: noiseBandOf(rows), rows };
}

/** Per metric, the band a change must clear: the floor, widened to the calibrated noise band. */
export function thresholdsOf(settings: Pick<AbGateSettings, 'floorPct'>, calibration: AbCalibration | null): Record<AbMetricName, number> {
  return Object.fromEntries(AB_METRIC_ORDER.map((metric) => [metric, Math.max(settings.floorPct[metric], calibration?.bandPct[metric] ?? 0)])) as Record<AbMetricName, number>;
}

/** The configurations with a regression in `rows`, once each: what the confirmation round re-runs. */
export function flaggedConfigs(rows: readonly AbRow[]): ConfigIdentity[] {
  const flagged: ConfigIdentity[] = [];
  for (const row of rows) {
    if (row.verdict !== 'regression') continue;
    if (!flagged.some((c) => c.impl === row.impl && c.workers === row.workers && c.runtime === row.runtime)) flagged.push({ impl: row.impl, workers: row.workers, runtime: row.runtime });
  }
  return flagged;
}

/**
 * The gate round's rows with the confirmation of each flagged row: `confirmation` the second
 * round's rows on their own, `pooled` judged over both rounds' pairs (judgeRound with `earlier`).
 * A flagged row the confirmation could not judge (no valid pair) stays unconfirmed.
 */
export function confirmRows(rows: readonly AbRow[], confirmation: readonly AbRow[], pooled: readonly AbRow[], alpha: number): AbRow[] {
  const same = (row: AbRow) => (c: AbRow) => c.impl === row.impl && c.workers === row.workers && c.runtime === row.runtime && c.metric === row.metric;
  return rows.map((row) => {
    if (row.verdict !== 'regression') return row;
    const again = judgementOf(confirmation.find(same(row)));
    const both = judgementOf(pooled.find(same(row)));
    const replicated = again !== null && again.pValue < alpha && again.changePct > 0 && both?.verdict === 'regression';
    return { ...row, confirmation: again, pooled: both, final: replicated ? 'regression' : 'unconfirmed' };
  });
}

function judgementOf(row: AbRow | undefined): AbJudgement | null {
  return row === undefined ? null : { pairs: row.pairs, changePct: row.changePct, ciPct: row.ciPct, pValue: row.pValue, verdict: row.verdict };
}

export interface GateInput {
  /** The gate round's configurations (both sides), and the confirmation round's when there was one. */
  configs: readonly ConfigResult[];
  confirmationConfigs: readonly ConfigResult[];
  /** The gate round's rows, confirmed with confirmRows when the confirmation ran. */
  rows: readonly AbRow[];
  settings: AbGateSettings;
}

export function gateVerdict({ configs, confirmationConfigs, rows, settings }: GateInput): AbVerdict {
  const changes = dedupe([...behaviourChanges(configs), ...behaviourChanges(confirmationConfigs)]);
  // Without confirmation a flagged row is final as it is.
  const finalRows = settings.confirm ? [...rows] : rows.map((row) => ({ ...row, final: row.verdict }));
  const regressions = finalRows.filter((row) => row.final === 'regression');
  const headNotOk = [...configs, ...confirmationConfigs].filter((config) => config.side === 'head' && config.state !== 'ok' && config.state !== 'skipped');
  const notes: string[] = [];
  const fewest = minimumPairs(settings.alpha);
  if (finalRows.some((row) => row.verdict === 'too few pairs')) {
    notes.push(`fewer than ${fewest} valid pairs in some configurations: the paired test cannot reach p < ${settings.alpha} with so few, so only their behaviour was gated (raise --runs)`);
  }
  const unconfirmed = finalRows.filter((row) => row.final === 'unconfirmed').length;
  if (unconfirmed > 0) notes.push(`${unconfirmed} flagged ${unconfirmed === 1 ? 'change was' : 'changes were'} not confirmed by the second round (noise): not counted`);
  if (changes.length > 0 && settings.acceptBehaviourChange) notes.push('behaviour changes were accepted (--accept-behaviour-change): reported, not failed');
  if (headNotOk.length > 0) notes.push(`head runs not ok in ${headNotOk.map((c) => `${c.impl}@${c.workers}`).join(', ')} (see the report's banner)`);
  const outcome: AbVerdict['outcome'] = changes.length > 0 && !settings.acceptBehaviourChange ? 'behaviour changed' : regressions.length > 0 ? 'regression' : headNotOk.length > 0 ? 'invalid' : 'pass';
  return { outcome, exitCode: outcome === 'pass' ? 0 : 1, behaviourChanges: changes, behaviourAccepted: settings.acceptBehaviourChange, rows: finalRows, notes };
}

function dedupe(changes: BehaviourChange[]): BehaviourChange[] {
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = `${change.impl}@${change.workers}/${change.runtime}:${change.counter}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
