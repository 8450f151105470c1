/**
 * Finds every descendant of a process through /proc (Linux).
 *
 * This kernel has no /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN is often off), so the
 * tree is rebuilt from parent pids. Reading every /proc/<pid>/stat on each 25 ms tick cost ~3 ms
 * (12 % of a core) with ~80 processes on the machine, so the parent of a pid is read once and
 * remembered: a process's parent only changes when it is orphaned, and then it has left the tree.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

export interface ProcessTreeTracker {
  /** The root and all its live descendants, root first. Empty when the root is gone. */
  treeOf(rootPid: number): number[];
}

export function createProcessTreeTracker(): ProcessTreeTracker {
  const parentOf = new Map<number, number>();
  return {
    treeOf(rootPid) {
      const live = new Set<number>();
      for (const name of readdirSync('/proc')) {
        const pid = Number(name);
        if (!Number.isInteger(pid)) continue;
        live.add(pid);
        if (!parentOf.has(pid)) {
          const ppid = readStatFields(pid)?.ppid;
          if (ppid !== undefined) parentOf.set(pid, ppid);
        }
      }
      for (const pid of parentOf.keys()) if (!live.has(pid)) parentOf.delete(pid);
      if (!live.has(rootPid)) return [];
      const childrenOf = new Map<number, number[]>();
      for (const [pid, ppid] of parentOf) {
        const siblings = childrenOf.get(ppid);
        if (siblings) siblings.push(pid);
        else childrenOf.set(ppid, [pid]);
      }
      const tree = [rootPid];
      for (let i = 0; i < tree.length; i++) {
        for (const child of childrenOf.get(tree[i] as number) ?? []) tree.push(child);
      }
      return tree;
    },
  };
}

export interface StatFields {
  ppid: number;
  /** Resident set size, in pages (multiply by the page size). */
  rssPages: number;
  /** This process's own CPU, in clock ticks (USER_HZ). */
  userTicks: number;
  systemTicks: number;
  /** CPU of children this process has waited for (reaped), in clock ticks (USER_HZ, 100 a second). */
  childUserTicks: number;
  childSystemTicks: number;
}

/** Fields of /proc/<pid>/stat (see proc(5)), or null if the process vanished meanwhile. */
export function readStatFields(pid: number | 'self'): StatFields | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null; // exited between the listing and the read: not part of any tree any more
  }
  return parseStat(stat);
}

/**
 * Reads /proc/<pid>/stat through a file descriptor kept open between calls: a procfs file is
 * regenerated on every read at offset 0, and skipping open/close halves the cost of a sample.
 */
export function createStatReader(): {
  read(pid: number): StatFields | null;
  /** Closes the descriptors of every pid not in `pids` (processes that left the tree). */
  retainOnly(pids: ReadonlySet<number>): void;
  close(): void;
} {
  const fds = new Map<number, number>();
  const buffer = Buffer.alloc(4096);
  const forget = (pid: number) => {
    const fd = fds.get(pid);
    if (fd === undefined) return;
    fds.delete(pid);
    try {
      closeSync(fd);
    } catch {
      // already closed: nothing to release
    }
  };
  return {
    read(pid) {
      try {
        let fd = fds.get(pid);
        if (fd === undefined) {
          fd = openSync(`/proc/${pid}/stat`, 'r');
          fds.set(pid, fd);
        }
        const length = readSync(fd, buffer, 0, buffer.length, 0);
        return parseStat(buffer.toString('latin1', 0, length));
      } catch {
        forget(pid); // ESRCH once the process is gone: the fd is useless
        return null;
      }
    },
    retainOnly(pids) {
      for (const pid of [...fds.keys()]) if (!pids.has(pid)) forget(pid);
    },
    close() {
      for (const pid of [...fds.keys()]) forget(pid);
    },
  };
}

function parseStat(stat: string): StatFields {
  // The command name (field 2) may contain spaces and parentheses; fields resume after the last
  // ')' with field 3 (state) at index 0, so field N is at index N - 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    ppid: Number(fields[1]),
    userTicks: Number(fields[11]),
    systemTicks: Number(fields[12]),
    childUserTicks: Number(fields[13]),
    childSystemTicks: Number(fields[14]),
    rssPages: Number(fields[21]),
  };
}

/** Whether process-tree sampling through /proc works on this machine. */
export function procfsAvailable(): boolean {
  return readStatFields('self') !== null;
}
