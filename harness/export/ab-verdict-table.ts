/**
 * The A/B gate's verdict as text cells, built once from results.json's `ab` section and printed by
 * the console, ab-summary.md and the HTML report, so the three never disagree on a figure.
 */
import { AB_METRICS } from '../ab/ab-metrics.js';
import { formatChangePct, formatInterval, formatPValue } from '../compare/format-values.js';
import type { AbJudgement, AbRow, AbVerdict, BehaviourChange } from '../results/ab-section.js';
import { seriesOf } from '../results/config-identity.js';
import type { AbSection, BenchResults } from '../results/results.js';
import { formatMib, formatMs, formatNumber, formatRatio, plural } from './format.js';
import type { SummaryTable } from './summary-table.js';

/** What every A/B writer shows: a headline, the behaviour changes, the table, the criteria, the notes. */
export interface AbReport {
  /** `pass`, `regression`, ... (AbVerdict's outcome); null while the gate has not judged. */
  outcome: AbVerdict['outcome'] | null;
  headline: string;
  /** `base 1a2b3c4 (origin/main), head 5d6e7f8 (dirty)`. */
  sides: string;
  /** One line each: `promise-pool@10 requests: base 130 (10 runs), head 131 (10 runs)`. */
  behaviour: string[];
  table: Omit<SummaryTable, 'rows'> & { rows: { cells: string[]; final: AbRow['final'] }[] };
  criteria: string;
  notes: string[];
}

const HEADLINES: Record<AbVerdict['outcome'], string> = {
  pass: 'A/B gate passed: no confirmed regression, behaviour unchanged',
  regression: 'A/B gate failed: a confirmed regression',
  'behaviour changed': 'A/B gate failed: behaviour changed',
  invalid: 'A/B gate failed: head runs are not valid',
};

export function buildAbReport(results: BenchResults): AbReport | null {
  const ab = results.ab;
  if (ab === undefined) return null;
  const verdict = ab.verdict;
  const rows = verdict?.rows ?? [];
  return {
    outcome: verdict?.outcome ?? null,
    headline:
      verdict === null
        ? 'A/B gate: not judged (the bench did not finish)'
        : `${HEADLINES[verdict.outcome]}${verdict.behaviourAccepted && verdict.behaviourChanges.length > 0 ? ' (behaviour changes accepted)' : ''}`,
    sides: describeSides(ab),
    behaviour: (verdict?.behaviourChanges ?? []).map(describeBehaviourChange),
    table: {
      columns: [
        { title: 'Configuration', align: 'left' },
        { title: 'Metric', align: 'left' },
        { title: 'Base', align: 'right' },
        { title: 'Head', align: 'right' },
        { title: 'Change', align: 'right' },
        { title: `${Math.round(ab.gate.level * 100)} % CI`, align: 'right' },
        { title: 'p', align: 'right' },
        { title: 'Threshold', align: 'right' },
        { title: 'Round 1', align: 'left' },
        { title: 'Confirmation', align: 'left' },
        { title: 'Verdict', align: 'left' },
      ],
      rows: rows.map((row) => ({ final: row.final, cells: rowCells(row, results, ab) })),
    },
    criteria: describeAbCriteria(ab, results.config.runs),
    notes: verdict?.notes ?? [],
  };
}

function rowCells(row: AbRow, results: BenchResults, ab: AbSection): string[] {
  const metric = AB_METRICS[row.metric];
  const value = (v: number): string => {
    if (metric.unit === 'bytes') return formatMib(v);
    if (metric.unit === 'ms/page') return `${formatNumber(v)} ms`;
    return results.config.latencyMs > 0 ? formatRatio(v) : formatMs(v);
  };
  const band = ab.calibration?.bandPct[row.metric];
  return [
    `${seriesOf(row)}@${row.workers}`,
    metric.label,
    value(row.baseMedian),
    value(row.headMedian),
    formatChangePct(row.changePct),
    formatInterval(row.ciPct),
    formatPValue(row.pValue),
    `±${formatNumber(row.thresholdPct)} %${band === undefined ? '' : ` (A/A ±${formatNumber(band)} %)`}`,
    `${row.verdict} (${plural(row.pairs, 'pair')})`,
    row.confirmation === null
      ? row.verdict === 'regression'
        ? 'not run'
        : '—'
      : `round 2 ${describeJudgement(row.confirmation)}${row.pooled === null ? '' : `; both rounds ${formatChangePct(row.pooled.changePct)} ${formatInterval(row.pooled.ciPct)}`}`,
    row.final,
  ];
}

function describeJudgement(judgement: AbJudgement): string {
  return `${judgement.verdict}: ${formatChangePct(judgement.changePct)} ${formatInterval(judgement.ciPct)}, p ${formatPValue(judgement.pValue)} (${plural(judgement.pairs, 'pair')})`;
}

function describeSides(ab: AbSection): string {
  const head = ab.head.commit === null ? 'no git commit' : ab.head.commit.slice(0, 7);
  return `base ${ab.base.commit.slice(0, 7)} (${ab.base.ref}, ${ab.base.install === 'linked' ? 'node_modules shared' : 'npm ci'}), head ${head}${ab.head.dirty === true ? ' (dirty)' : ''}`;
}

export function describeBehaviourChange(change: BehaviourChange): string {
  return `${seriesOf(change)}@${change.workers} ${change.counter}: base ${change.base}, head ${change.head}`;
}

/** One paragraph on how the verdicts were reached. */
function describeAbCriteria(ab: AbSection, pairs: number): string {
  const { gate } = ab;
  const floors = Object.entries(gate.floorPct)
    .map(([name, pct]) => `${AB_METRICS[name as keyof typeof AB_METRICS].label} ${formatNumber(pct)} %`)
    .join(', ');
  return (
    `${plural(pairs, 'pair')} per configuration, base and head interleaved ABBA against one fixture server. ` +
    `A change counts when the two-sided Wilcoxon signed-rank test of the per-pair log ratios gives p < ${gate.alpha} and the whole ` +
    `${Math.round(gate.level * 100)} % bootstrap interval of the median ratio head ÷ base (${gate.resamples} resamples, seed ${gate.seed}) lies beyond the threshold: ` +
    `the floor (${floors})${ab.calibration === null ? '' : ', widened where wider to the noise band of the A/A calibration (the largest change it showed between identical builds)'}. ` +
    (gate.confirm
      ? `A flagged regression fails the gate only when a second interleaved round of its configuration replicates it: significant (p < ${gate.alpha}) in the same direction on its own pairs, and beyond the threshold over both rounds' pairs.`
      : 'Flagged regressions are not confirmed (confirmation off).')
  );
}
