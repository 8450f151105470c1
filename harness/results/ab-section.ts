/**
 * The parts of the `ab` section of a results.json written by an interleaved A/B bench
 * (`bench --against REF`): sides, run order, judgements, calibration, verdict. The section itself
 * (`AbSection`, `AbRound`, which hold configurations) is in results.ts, which imports these, so
 * this file imports nothing. Additive to schema 3 (`BenchResults.ab` is optional), so every reader
 * of schema 3 still reads these files; its configurations also carry `side`.
 *
 * NOTE: written by harness/ab/ab-session.ts, judged by harness/ab/ab-gate.ts, shown by
 * harness/export/ab-summary.ts; a field renamed here is renamed there.
 */
/** Which build ran a configuration: the base commit (`--against`) or the checkout the bench runs from. */
export type Side = 'base' | 'head';

/** The metrics the gate judges, in its order of layers (see harness/ab/ab-metrics.ts). */
export type AbMetricName = 'cpuPerPage' | 'peakRssBytes' | 'peakPssBytes' | 'wallVsBound';

/** One run as it was scheduled; `order` lists them in the order they ran. */
export interface AbRunRef {
  impl: string;
  workers: number;
  runtime: string | null;
  side: Side;
  mode: 'warmup' | 'run';
  /** 1-based within the side and mode: pair i is base run i with head run i. */
  index: number;
}

/**
 * `calibration`: the head against itself (both slots ran the head's build, named base and head
 * only to say which slot). `gate`: base against head. `confirmation`: the flagged configurations
 * of the gate round again, interleaved again.
 */
export type AbRoundPurpose = 'calibration' | 'gate' | 'confirmation';

export type AbRowVerdict = 'regression' | 'improvement' | 'no change' | 'too few pairs';

/** A paired judgement of one metric of one configuration in one round. */
export interface AbJudgement {
  /** Pairs whose two runs were both valid and measured the metric. */
  pairs: number;
  /** Median of the per-pair ratios head ÷ base, − 1, in percent. */
  changePct: number;
  /** Percentile bootstrap interval of that median, in percent. */
  ciPct: { lowPct: number; highPct: number };
  /** Two-sided Wilcoxon signed-rank p-value of the log ratios. */
  pValue: number;
  verdict: AbRowVerdict;
}

export interface AbRow extends AbJudgement {
  impl: string;
  workers: number;
  runtime: string | null;
  metric: AbMetricName;
  /** Medians of each side's values over the pairs used (ms per page, bytes, × bound or ms). */
  baseMedian: number;
  headMedian: number;
  /** The band a change must clear: the metric's floor, or the calibrated noise band when wider. */
  thresholdPct: number;
  /** The confirmation round's own judgement of the same row; null when the row was not flagged (or confirmation is off). */
  confirmation: AbJudgement | null;
  /** Both rounds' pairs judged together; null when the row was not confirmed. */
  pooled: AbJudgement | null;
  /**
   * `regression` only when the gate round flagged it and the confirmation replicated it (see
   * harness/ab/ab-gate.ts, confirmRows); `unconfirmed` when it did not; otherwise the gate round's verdict.
   */
  final: AbRowVerdict | 'unconfirmed';
}

/** Counters that must not move between the sides: the crawl itself, not its speed. */
export type BehaviourCounter = 'pages' | 'requests' | 'bytes' | 'validity';

export interface BehaviourChange {
  impl: string;
  workers: number;
  runtime: string | null;
  counter: BehaviourCounter;
  /** What each side's runs gave, e.g. `127 (10 runs)` or `9 ok, 1 invalid`. */
  base: string;
  head: string;
}

export interface AbCalibration {
  /** Per metric: the largest change, in absolute percent, any A/A configuration showed. */
  bandPct: Record<AbMetricName, number>;
  /** The A/A judgements the band was read from. */
  rows: AbRow[];
}

export interface AbVerdict {
  /** `pass`; `regression` (confirmed); `behaviour changed` (not accepted); `invalid` (head runs not ok). */
  outcome: 'pass' | 'regression' | 'behaviour changed' | 'invalid';
  /** 0 pass, 1 otherwise. */
  exitCode: 0 | 1;
  behaviourChanges: BehaviourChange[];
  /** `--accept-behaviour-change` was given: changes are reported and do not fail the gate. */
  behaviourAccepted: boolean;
  /** The gate round's rows, each with its confirmation. */
  rows: AbRow[];
  /** Things a reader should know (too few pairs, an unmeasured metric, invalid runs). */
  notes: string[];
}

export interface AbGateSettings {
  /** Significance level of the paired test. */
  alpha: number;
  /** Confidence level of the bootstrap interval. */
  level: number;
  resamples: number;
  seed: number;
  /** The smallest threshold of each metric, before calibration. */
  floorPct: Record<AbMetricName, number>;
  acceptBehaviourChange: boolean;
  /** Whether flagged configurations are re-run before the gate fails. */
  confirm: boolean;
}
