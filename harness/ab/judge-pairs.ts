/**
 * The paired judgement of one round: for each configuration and metric, the per-pair ratios
 * head ÷ base (pair i: base run i and head run i, measured back to back), their median with a
 * bootstrap interval, and a Wilcoxon signed-rank test of their logarithms.
 *
 * A change counts only when both hold: it is significant (p < alpha) and its whole interval lies
 * beyond the threshold, so a significant but negligible shift, or a large but uncertain one, is
 * "no change". Logarithms make the test symmetric in the ratio: ×1.1 and ÷1.1 weigh the same.
 */
import { median } from '../../common/quantile.js';
import type { AbGateSettings, AbJudgement, AbMetricName, AbRow, AbRowVerdict } from '../results/ab-section.js';
import { sameConfig } from '../results/config-identity.js';
import type { ConfigResult } from '../results/results.js';
import { bootstrapMedianRatioInterval } from '../stats/paired-bootstrap.js';
import { smallestPairedPValue, wilcoxonSignedRank } from '../stats/wilcoxon-signed-rank.js';
import { AB_METRIC_ORDER, AB_METRICS } from './ab-metrics.js';

/** The two sides' values of one metric, aligned: `base[i]` and `head[i]` are pair i. */
export interface PairedValues {
  base: number[];
  head: number[];
}

/** Pairs whose two runs are both valid and both measured the metric (a value > 0, so a ratio exists). */
export function pairedValues(base: ConfigResult, head: ConfigResult, metric: AbMetricName): PairedValues {
  const paired: PairedValues = { base: [], head: [] };
  const value = AB_METRICS[metric].value;
  for (const baseRun of base.runs) {
    const headRun = head.runs.find((run) => run.index === baseRun.index);
    if (headRun === undefined || baseRun.state !== 'ok' || headRun.state !== 'ok') continue;
    const [b, h] = [value(baseRun, base), value(headRun, head)];
    if (b === null || h === null || !(b > 0) || !(h > 0)) continue;
    paired.base.push(b);
    paired.head.push(h);
  }
  return paired;
}

export type JudgeSettings = Pick<AbGateSettings, 'alpha' | 'level' | 'resamples' | 'seed'>;

/** The judgement of aligned values against a threshold in percent; null without a single pair. */
export function judgePairs(paired: PairedValues, thresholdPct: number, settings: JudgeSettings): AbJudgement | null {
  const pairs = paired.base.length;
  if (pairs === 0) return null;
  const ratios = paired.head.map((h, i) => h / (paired.base[i] ?? Number.NaN));
  const ciPct = bootstrapMedianRatioInterval(ratios, { resamples: settings.resamples, level: settings.level, seed: settings.seed });
  const { pValue } = wilcoxonSignedRank(ratios.map(Math.log));
  const changePct = (median(ratios) - 1) * 100;
  return { pairs, changePct, ciPct, pValue, verdict: verdictOf(pairs, pValue, ciPct, thresholdPct, settings.alpha) };
}

function verdictOf(pairs: number, pValue: number, ci: AbJudgement['ciPct'], thresholdPct: number, alpha: number): AbRowVerdict {
  // With this few pairs no change could ever be significant: say so rather than "no change".
  if (smallestPairedPValue(pairs) >= alpha) return 'too few pairs';
  if (!(pValue < alpha)) return 'no change';
  // Every gated metric is worse when higher (ab-metrics.ts).
  if (ci.lowPct > thresholdPct) return 'regression';
  if (ci.highPct < -thresholdPct) return 'improvement';
  return 'no change';
}

/**
 * Every row of one round: each base configuration with the head configuration of the same
 * implementation, workers and runtime, each metric in layer order. A metric measured by no pair
 * (PSS off Linux, a configuration with no valid run) has no row. With `earlier`, the rows judge
 * the pairs of both rounds together (the confirmation's pooled judgement).
 */
export function judgeRound(configs: readonly ConfigResult[], thresholdPct: Record<AbMetricName, number>, settings: JudgeSettings, earlier: readonly ConfigResult[] = []): AbRow[] {
  const rows: AbRow[] = [];
  const headOf = (round: readonly ConfigResult[], base: ConfigResult): ConfigResult | undefined => round.find((config) => config.side === 'head' && sameConfig({ ...config, side: 'base' }, base));
  for (const base of configs.filter((config) => config.side === 'base')) {
    const head = headOf(configs, base);
    if (head === undefined) continue;
    // Pooling: the same configuration's pairs of an earlier round first, then this round's.
    const before = earlier.find((config) => sameConfig(config, base));
    const beforeHead = before === undefined ? undefined : headOf(earlier, before);
    for (const metric of AB_METRIC_ORDER) {
      const paired = concat(before && beforeHead ? pairedValues(before, beforeHead, metric) : { base: [], head: [] }, pairedValues(base, head, metric));
      const judgement = judgePairs(paired, thresholdPct[metric], settings);
      if (judgement === null) continue;
      rows.push({
        impl: base.impl,
        workers: base.workers,
        runtime: base.runtime,
        metric,
        baseMedian: median(paired.base),
        headMedian: median(paired.head),
        thresholdPct: thresholdPct[metric],
        ...judgement,
        confirmation: null,
        pooled: null,
        final: judgement.verdict,
      });
    }
  }
  return rows;
}

function concat(a: PairedValues, b: PairedValues): PairedValues {
  return { base: [...a.base, ...b.base], head: [...a.head, ...b.head] };
}
