/**
 * What `npm run bench -- --against REF` says: a line as each round begins, then the summary
 * table of both sides, the gate's verdict table and where the files are; the exit status is the
 * verdict's (0 pass, 1 a confirmed regression, a behaviour change or invalid head runs).
 */
import type { AbHooks, AbOutcome } from '../harness/ab/ab-session.js';
import { renderAbText } from '../harness/export/ab-summary.js';
import { consoleWriter } from '../harness/export/console.js';
import type { AbRoundPurpose } from '../harness/results/ab-section.js';
import type { BenchProgress } from './bench-progress.js';

const ROUND_TEXT: Record<AbRoundPurpose, string> = {
  calibration: 'A/A calibration: the head against itself',
  gate: 'gate round: base and head interleaved',
  confirmation: 'confirmation round: the flagged configurations again',
};

/** The bench's progress display, with a line for each round. */
export function abHooks(progress: BenchProgress, stream: NodeJS.WritableStream = process.stderr): AbHooks {
  return {
    ...progress,
    onRound: (purpose, configs) => stream.write(`bench: ${ROUND_TEXT[purpose]} (${configs.map((c) => `${c.impl}@${c.workers}${c.runtime === null ? '' : `/${c.runtime}`}`).join(', ')})\n`),
  };
}

/** Prints the outcome and returns the exit status. */
export function reportAbOutcome(outcome: AbOutcome, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  const { results, verdict } = outcome;
  if (!outcome.complete || results === undefined || verdict === undefined) {
    err.write(`bench: interrupted; an A/B bench cannot be resumed (its base worktree is gone)${outcome.dir === undefined ? '' : `; what finished is in ${outcome.dir}`}\n`);
    return 130;
  }
  out.write(`${consoleWriter.render(results)}\n\n${renderAbText(results)}`);
  const paths = outcome.reportPaths;
  out.write(`\nresults:    ${outcome.dir ?? ''}/results.json\nreport:     ${paths?.html ?? ''}\nab summary: ${paths?.abSummary ?? ''}\nlatest:     ${outcome.latestDir ?? ''}\n`);
  if (verdict.exitCode !== 0) err.write(`bench: A/B gate failed (${verdict.outcome}); see ${paths?.abSummary ?? 'ab-summary.md'}; exit 1\n`);
  return verdict.exitCode;
}
