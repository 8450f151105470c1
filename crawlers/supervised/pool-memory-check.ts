/**
 * Whether a thread or process pool of W workers fits this machine's memory, checked before the
 * pool starts: MAX_WORKERS (1000) bounds a typo, not a machine, and 1000 child processes want
 * about 17 GB. `npm run crawl` and `npm run bench` both check here, so they refuse alike.
 */
import { freemem, totalmem } from 'node:os';
import { InvalidArgumentError } from '../../common/errors.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * What one more worker costs, measured (README, "Figures": the seed bench's PSS from 1 to 50
 * workers, (886.4 − 57.5) / 49 for processes, (838.6 − 79.7) / 49 for threads). PSS, not RSS: a
 * process's RSS also counts the pages it shares with its siblings, 3.4× too much for 50 of them.
 * NOTE: keyed by the names in registry.ts; a model missing here is not checked (the promise pool's
 * memory does not grow with W).
 */
export const WORKER_MEMORY = {
  'worker-threads': { bytes: 15.5 * MIB, unit: 'thread' },
  'child-processes': { bytes: 17 * MIB, unit: 'process' },
  // Not measured on its own: a distributed worker is a node process like a child-process worker
  // (plus an ioredis client), so it takes at least as much.
  distributed: { bytes: 17 * MIB, unit: 'process' },
} as const satisfies Record<string, { bytes: number; unit: string }>;

/**
 * The most of the machine's memory a pool may take. Half: the crawl's coordinator, the fixture,
 * the sampler, the system and whatever else runs need the rest, and a pool that pushes the machine
 * into swap measures the swap, or meets the OOM killer, which may pick any process.
 * NOTE: the refusal's message says "half"; change both together.
 */
export const POOL_MEMORY_SHARE = 0.5;

export interface MachineMemory {
  /** The memory this process may use: the machine's, or its cgroup's limit when lower. */
  totalBytes: number;
  /** What is available now (free plus reclaimable cache, within the cgroup's limit). */
  availableBytes: number;
}

/** This machine's memory, as the check needs it. */
export function machineMemory(): MachineMemory {
  // constrainedMemory() is 0 without a limit, and a huge number under an unlimited cgroup.
  const limit = process.constrainedMemory();
  const totalBytes = limit > 0 ? Math.min(totalmem(), limit) : totalmem();
  // availableMemory() (Node ≥ 20.13) counts MemAvailable and the cgroup's headroom; freemem() is
  // the same figure without the cgroup.
  const availableBytes = typeof process.availableMemory === 'function' ? process.availableMemory() : freemem();
  return { totalBytes, availableBytes: Math.min(availableBytes, totalBytes) };
}

/**
 * Refuses a pool whose estimated memory is more than POOL_MEMORY_SHARE of the total, or more
 * than is available now. The memory figure is a parameter, so the refusal is tested on known numbers.
 * @throws InvalidArgumentError with the estimate and the largest worker count that fits
 */
export function checkPoolMemory(impl: string, workers: number, memory: MachineMemory): void {
  const cost = Object.hasOwn(WORKER_MEMORY, impl) ? WORKER_MEMORY[impl as keyof typeof WORKER_MEMORY] : undefined;
  if (cost === undefined) return;
  const needed = workers * cost.bytes;
  const allowed = Math.min(memory.totalBytes * POOL_MEMORY_SHARE, memory.availableBytes);
  if (needed <= allowed) return;
  const fits = Math.floor(allowed / cost.bytes);
  throw new InvalidArgumentError(
    `${impl} with ${workers} workers needs about ${gib(needed)} (${cost.bytes / MIB} MiB per ${cost.unit}); a pool may use at most half of this machine's ${gib(memory.totalBytes)} and no more than the ${gib(memory.availableBytes)} available: ${gib(allowed)}; ${fits > 0 ? `use --workers ${fits} or fewer` : 'free some memory first'}`,
  );
}

function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}
