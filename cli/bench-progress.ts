/**
 * Progress of a bench on stderr: a bar with ETA (cli-progress) on a terminal, one plain line per
 * run otherwise (CI logs), so a long bench never looks hung and a log reads as a record.
 */
import { seriesOf } from '../harness/results/config-identity.js';
import cliProgress from 'cli-progress';
import { formatMib } from '../harness/export/format.js';
import type { RunEvent } from '../harness/bench/run-bench.js';
import type { SessionHooks } from '../harness/bench/bench-session.js';

export interface BenchProgress extends SessionHooks {
  stop(): void;
}

export function createBenchProgress(stream: NodeJS.WriteStream = process.stderr): BenchProgress {
  // Both come before the bar starts, so they are plain lines in either mode.
  const crawlerLines: Pick<SessionHooks, 'onNativeBuild' | 'onCrawlerUnavailable' | 'onNotice'> = {
    onNativeBuild: (name, command) => stream.write(`bench: building the ${name} crawler (${command}); the first build can take minutes\n`),
    onCrawlerUnavailable: (name, state, reason) => stream.write(`${name}: ${state}, ${reason}\n`),
    onNotice: (text) => stream.write(`bench: ${text}\n`),
  };
  return { ...(stream.isTTY ? barProgress(stream) : lineProgress(stream)), ...crawlerLines };
}

function describeRun(event: RunEvent): string {
  const { run } = event;
  const label = `${seriesOf(event)} W=${event.workers} ${event.mode} ${event.index}`;
  if (!run) return label;
  const time = run.durationMs === null ? '' : `${Math.round(run.durationMs)} ms crawl, `;
  const memory = `${formatMib(run.peakRssBytes)} peak tree RSS`;
  const state = run.state === 'ok' ? 'ok' : `${run.state.toUpperCase()}: ${run.reason ?? ''}`;
  return `${label}: ${time}${memory}, ${state}`;
}

function lineProgress(stream: NodeJS.WriteStream): BenchProgress {
  let total = 0;
  let done = 0;
  return {
    onStart({ dir, runsTotal, runsDone }) {
      total = runsTotal;
      done = runsDone;
      stream.write(`bench: ${runsTotal - runsDone} runs to do, results in ${dir}\n`);
    },
    onRunEnd(event) {
      done++;
      stream.write(`[${done}/${total}] ${describeRun(event)}\n`);
    },
    stop() {},
  };
}

function barProgress(stream: NodeJS.WriteStream): BenchProgress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'bench [{bar}] {value}/{total} runs | ETA {eta_formatted} | {what}',
      etaBuffer: 20,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const problems: string[] = [];
  return {
    onStart({ dir, runsTotal, runsDone }) {
      stream.write(`bench: results in ${dir}\n`);
      bar.start(runsTotal, runsDone, { what: 'starting' });
      started = true;
    },
    onRunStart(event) {
      bar.update({ what: describeRun(event) });
    },
    onRunEnd(event) {
      // A run that is not ok is worth a line of its own, printed once the bar is gone.
      if (event.run && event.run.state !== 'ok') problems.push(describeRun(event));
      bar.increment(1, { what: describeRun(event) });
    },
    stop() {
      if (started) bar.stop();
      for (const line of problems) stream.write(`${line}\n`);
    },
  };
}
