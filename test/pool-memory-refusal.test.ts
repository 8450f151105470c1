/**
 * A thread or process pool is checked against the machine's memory before it starts: on known,
 * small memory figures, W workers at the measured per-worker cost must fit in half of the total
 * and in what is available, or the pool is refused with the estimate and a W that fits.
 */
import { describe, expect, it } from 'vitest';
import { CrawlbenchError } from '../common/errors.js';
import { MAX_WORKERS } from '../crawlers/crawl-options.js';
import { checkPoolMemory, machineMemory, WORKER_MEMORY } from '../crawlers/supervised/pool-memory-check.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function refusal(impl: string, workers: number, totalBytes: number, availableBytes = totalBytes): CrawlbenchError | undefined {
  try {
    checkPoolMemory(impl, workers, { totalBytes, availableBytes });
    return undefined;
  } catch (error) {
    if (error instanceof CrawlbenchError) return error;
    throw error;
  }
}

describe('checkPoolMemory', () => {
  it('refuses child processes past half of a small machine, with the estimate and a worker count that fits', () => {
    const error = refusal('child-processes', 100, 2 * GIB);
    expect(error?.code).toBe('CB_INVALID_ARGUMENT');
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      "child-processes with 100 workers needs about 1.7 GiB (17 MiB per process); a pool may use at most half of this machine's 2.0 GiB and no more than the 2.0 GiB available: 1.0 GiB; use --workers 60 or fewer",
    );
    // The worker count it suggests does fit.
    expect(refusal('child-processes', 60, 2 * GIB)).toBeUndefined();
  });

  it('refuses threads at their own cost', () => {
    expect(refusal('worker-threads', 67, 2 * GIB)?.message).toMatch(/^worker-threads with 67 workers needs about 1\.0 GiB \(15\.5 MiB per thread\); .*use --workers 66 or fewer$/);
    expect(refusal('worker-threads', 66, 2 * GIB)).toBeUndefined();
  });

  it('refuses what exceeds the memory available now, even within half of the total', () => {
    expect(refusal('child-processes', 50, 8 * GIB, 600 * MIB)?.message).toContain('use --workers 35 or fewer');
    expect(refusal('child-processes', 50, 8 * GIB)).toBeUndefined();
  });

  it('says to free memory when not even one worker fits', () => {
    expect(refusal('child-processes', 1, 8 * GIB, 10 * MIB)?.message).toMatch(/free some memory first$/);
  });

  it('never refuses the promise pool or a command crawler: their memory does not grow by a process per worker', () => {
    expect(refusal('promise-pool', MAX_WORKERS, 64 * MIB)).toBeUndefined();
    expect(refusal('go', MAX_WORKERS, 64 * MIB)).toBeUndefined();
  });

  it('reads a machine memory with available at most the total', () => {
    const memory = machineMemory();
    expect(memory.totalBytes).toBeGreaterThan(0);
    expect(memory.availableBytes).toBeGreaterThan(0);
    expect(memory.availableBytes).toBeLessThanOrEqual(memory.totalBytes);
    // The figures the check multiplies are the measured ones of the README.
    expect(WORKER_MEMORY['child-processes'].bytes).toBe(17 * MIB);
    expect(WORKER_MEMORY['worker-threads'].bytes).toBe(15.5 * MIB);
  });
});
