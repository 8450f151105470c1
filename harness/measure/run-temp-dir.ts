/**
 * The temporary directory of a measured run (`crawlbench-run-<pid>-XXXXXX` in os.tmpdir(), made by
 * measure-run.ts) and the sweep that removes those a killed bench left behind. measure-run.ts
 * removes its directory in `finally`, which a SIGKILL never reaches; the owner's pid in the name
 * lets a later bench tell a leftover from the directory of a bench still running beside it.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCode } from '../../common/read-input-file.js';
import { processIsAlive } from '../../common/process-is-alive.js';

/** NOTE: measure-run.ts writes this prefix and the owner's pid itself; change both together. */
export const RUN_DIR_PREFIX = 'crawlbench-run-';

/** `crawlbench-run-<pid>-<mkdtemp's 6 letters or digits>`. */
const OWNED_NAME = /^crawlbench-run-(\d+)-[A-Za-z0-9]{6}$/;
/** The name before owners were recorded: `crawlbench-run-<6 letters or digits>`. */
const UNOWNED_NAME = /^crawlbench-run-[A-Za-z0-9]{6}$/;

export interface SweepOptions {
  /** Where run directories are made. @default os.tmpdir() */
  dir?: string;
  /**
   * Age past which a directory without an owner pid (made before the pid was recorded) is
   * removed: its owner cannot be asked, but no run lives longer than the longest run timeout,
   * after which the bench kills it and removes its directory. Unset: such directories are kept.
   */
  unownedOlderThanMs?: number;
  /** Whether a process is alive; process.kill(pid, 0) unless a test substitutes one. */
  isAlive?: (pid: number) => boolean;
  /** The time to age directories against. @default Date.now() */
  nowMs?: number;
}

/**
 * Removes every run directory whose owner is not alive, and returns their paths. Never throws
 * for a directory it cannot remove (another user's, or one a surviving process is still writing
 * into): that one is left for the next sweep rather than failing the bench that sweeps.
 */
export function sweepStaleRunDirs(options: SweepOptions = {}): string[] {
  const dir = options.dir ?? tmpdir();
  const isAlive = options.isAlive ?? processIsAlive;
  const nowMs = options.nowMs ?? Date.now();
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const path = join(dir, name);
    const owner = OWNED_NAME.exec(name)?.[1];
    const stale = owner !== undefined ? !isAlive(Number(owner)) : UNOWNED_NAME.test(name) && isOlderThan(path, options.unownedOlderThanMs, nowMs);
    if (stale && tryRemove(path)) removed.push(path);
  }
  return removed;
}

// The one liveness check, shared with the netns sweep (crawlers/distributed/netns/netns-objects.ts).
export { processIsAlive };

function isOlderThan(path: string, ageMs: number | undefined, nowMs: number): boolean {
  if (ageMs === undefined) return false;
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && nowMs - stat.mtimeMs > ageMs;
}

/** The codes of a directory that is gone already, not ours to remove, or still being written into. */
const LEFT_FOR_LATER = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTEMPTY', 'EBUSY']);

function tryRemove(path: string): boolean {
  try {
    rmSync(path, { recursive: true, force: true });
    return true;
  } catch (error) {
    if (LEFT_FOR_LATER.has(errorCode(error) ?? '')) return false;
    throw error;
  }
}
