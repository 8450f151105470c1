/**
 * What `bench --against REF` adds to a bench: one interface, each field with its default, and the
 * gate's settings derived from it once. The statistical constants are here, not retyped elsewhere.
 */
import type { AbGateSettings } from '../results/ab-section.js';
import { defaultFloors } from './ab-metrics.js';

export interface AbOptions {
  /** The git ref (branch, tag, commit) of the base build, resolved in the repository the bench runs in. */
  againstRef: string;
  /**
   * Run an A/A round first (the head against itself) and widen each metric's threshold to the
   * noise band it measured, so a noisier machine gets a wider band instead of false alarms.
   * @default false
   */
  calibrate: boolean;
  /** Report a change of pages, requests, bytes or validity without failing the gate. @default false */
  acceptBehaviourChange: boolean;
  /** Re-run the configurations with a flagged regression, interleaved again, before failing. @default true */
  confirm: boolean;
}

export const AB_DEFAULTS = {
  /**
   * Pairs per configuration when `--runs` is not given: 10 pairs let the signed-rank test reach
   * p = 0.002 when every pair leans one way, and the bootstrap interval of a median of 10 is
   * narrow enough to clear a 3 % floor for a 10 % change (README "The interleaved gate").
   */
  pairs: 10,
  /** Significance level of the paired test (two-sided). */
  alpha: 0.05,
  /** Confidence level of the bootstrap interval. */
  level: 0.95,
  resamples: 5000,
  seed: 1,
  acceptBehaviourChange: false,
  calibrate: false,
  confirm: true,
} as const;

export function gateSettingsOf(options: Pick<AbOptions, 'acceptBehaviourChange' | 'confirm'>): AbGateSettings {
  return {
    alpha: AB_DEFAULTS.alpha,
    level: AB_DEFAULTS.level,
    resamples: AB_DEFAULTS.resamples,
    seed: AB_DEFAULTS.seed,
    floorPct: defaultFloors(),
    acceptBehaviourChange: options.acceptBehaviourChange,
    confirm: options.confirm,
  };
}
