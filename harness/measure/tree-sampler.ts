/**
 * Measurement behind an interface (hyperfine's Executor/MockExecutor): the bench asks a
 * `TreeSampler` for the memory of a process tree, so statistics and reports can be tested on a
 * fake with known numbers while the real one is tested on real processes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pidusage from 'pidusage';
import { createProcessTreeTracker, createStatReader, procfsAvailable } from './process-tree.js';

export interface TreeSample {
  /** Sum of RSS over the live processes of the tree. */
  rssBytes: number;
  /** Sum of PSS over the tree, or null when not measured (not Linux, or not on this tick). */
  pssBytes: number | null;
  /** The live pids, root first; empty once the root has exited. */
  pids: number[];
}

export interface TreeSampler {
  /** One sample of the tree rooted at `rootPid`. */
  sample(rootPid: number): Promise<TreeSample>;
  /** Releases what the sampler keeps open between samples. */
  close(): void;
}

export interface TreeSamplerOptions {
  /**
   * Read PSS at most this often. smaps_rollup walks page tables and costs ~0.9 ms per process
   * (measured), 50× a stat read, so reading it every 25 ms for 51 processes would take most of a
   * core. The peak PSS is the peak over these samples. @default 250
   */
  pssIntervalMs: number;
  /**
   * And at most once per this many ms per process in the tree, so that PSS costs about the same
   * share of a core at W = 50 as at W = 1 (51 processes: once a second). @default 20
   */
  pssMsPerProcess: number;
  /**
   * Look for new processes in the tree at most this often. Listing /proc is the other large cost
   * of a tick; a worker born between two listings is a few MB that is counted 50 ms later.
   * @default 50
   */
  discoverIntervalMs: number;
}

/**
 * The real sampler. On Linux it reads /proc directly: one stat read per pid per tick (pidusage
 * cost 0.7 ms per pid per call here, which at W = 50 alone is 140 % of the 2 % budget). Elsewhere
 * it falls back to pidusage for the root process only, since there is no portable way to list
 * descendants.
 */
export function createTreeSampler(options: Partial<TreeSamplerOptions> = {}): TreeSampler {
  return procfsAvailable() ? createProcSampler(options.pssIntervalMs ?? 250, options.pssMsPerProcess ?? 20, options.discoverIntervalMs ?? 50) : createPidusageSampler();
}

function createProcSampler(pssIntervalMs: number, pssMsPerProcess: number, discoverIntervalMs: number): TreeSampler {
  const tracker = createProcessTreeTracker();
  const stats = createStatReader();
  const pageBytes = readPageSize();
  let lastPssAt = Number.NEGATIVE_INFINITY;
  let lastDiscoverAt = Number.NEGATIVE_INFINITY;
  let pids: number[] = [];
  return {
    async sample(rootPid) {
      const now = performance.now();
      if (now - lastDiscoverAt >= discoverIntervalMs || pids[0] !== rootPid) {
        lastDiscoverAt = now;
        pids = tracker.treeOf(rootPid);
        // One sampler serves a whole bench: without this, every worker of every run would keep
        // a descriptor open until the bench ends (thousands at W = 50, past `ulimit -n`).
        stats.retainOnly(new Set(pids));
      }
      const withPss = now - lastPssAt >= Math.max(pssIntervalMs, pids.length * pssMsPerProcess);
      if (withPss) lastPssAt = now;
      let rssBytes = 0;
      let pssBytes: number | null = withPss ? 0 : null;
      const live: number[] = [];
      for (const pid of pids) {
        const stat = stats.read(pid);
        if (!stat) continue; // exited between the tree scan and the read
        live.push(pid);
        rssBytes += stat.rssPages * pageBytes;
        if (pssBytes !== null) {
          const pss = readPssBytes(pid);
          pssBytes = pss === null ? null : pssBytes + pss;
        }
      }
      pids = live;
      return { rssBytes, pssBytes, pids: live };
    },
    close() {
      stats.close();
    },
  };
}

function createPidusageSampler(): TreeSampler {
  return {
    async sample(rootPid) {
      try {
        const stat = await pidusage(rootPid);
        return { rssBytes: stat.memory, pssBytes: null, pids: [rootPid] };
      } catch {
        return { rssBytes: 0, pssBytes: null, pids: [] };
      }
    },
    close() {
      pidusage.clear(); // pidusage keeps per-pid state between calls
    },
  };
}

/** PSS from /proc/<pid>/smaps_rollup (kB in the file), or null when unavailable. */
export function readPssBytes(pid: number | 'self'): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1');
  } catch {
    return null;
  }
  const match = /^Pss:\s+(\d+) kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

function readPageSize(): number {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
}
