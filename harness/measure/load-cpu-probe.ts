/**
 * What a command crawler (native, or the user's) costs before it crawls: the crawler protocol has
 * no "load only" mode, so the harness runs the very command against a closed loopback port. The
 * crawler boots (a BEAM, a Go runtime), fails its one page with `refused` and exits; that CPU is
 * its load CPU, which CPU per page subtracts. A JS crawler needs no probe: its root reports what
 * it had spent before crawling (run-crawl-entry.ts).
 *
 * The median of a few probes, since a command's CPU is counted in 10 ms ticks.
 */
import { freePort } from '../../common/free-port.js';
import { median } from '../../common/quantile.js';
import type { MeasuredRun, MeasureRunOptions } from './measure-run.js';

/** Probes per configuration: enough for a median, few enough to cost well under a second for a native crawler. */
export const LOAD_CPU_PROBES = 3;

/**
 * The median CPU of `probes` runs of `options`' command crawler against a closed port, or null
 * when no probe had a CPU figure (the command could not be started at all).
 */
export async function probeLoadCpuMs(measure: (options: MeasureRunOptions) => Promise<MeasuredRun>, options: MeasureRunOptions, probes = LOAD_CPU_PROBES): Promise<number | null> {
  const values: number[] = [];
  for (let i = 0; i < probes && !options.signal?.aborted; i += 1) {
    const port = await freePort();
    const request = { ...options.request, options: { ...options.request.options, startUrl: `http://127.0.0.1:${port}/`, retries: 0 } };
    // Its state does not matter (a crawler may exit non-zero on a dead start page): only its CPU does.
    const measured = await measure({ ...options, request });
    if (measured.cpu !== null) values.push(measured.cpu.userMs + measured.cpu.systemMs);
  }
  return values.length === 0 ? null : median(values);
}
