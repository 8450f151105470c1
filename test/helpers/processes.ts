/** The process table (supervised crawlers, sampler): what is really running, read from /proc, not a counter. */
import { readdirSync, readFileSync } from 'node:fs';

/** One live process from /proc: its parent and command line. Zombies count as gone. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** Every live (non-zombie) process on the machine, read from /proc/<pid>/stat and cmdline. */
export function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm (field 2) is in parentheses and may hold spaces; state and ppid follow the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      entries.push({ pid: Number(name), ppid: Number(ppid), cmdline });
    } catch {
      // The process ended between readdir and read: it is not running, which is all we ask.
    }
  }
  return entries;
}

/** Live descendants of `pid` (children, grandchildren, ...), by walking ppid links. */
export function descendantsOf(pid: number): ProcessEntry[] {
  const table = processTable();
  const found: ProcessEntry[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of table) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        parents.add(entry.pid);
        found.push(entry);
        grew = true;
      }
    }
  }
  return found;
}

/** Whether `pid` is a live (non-zombie) process. */
export function isRunning(pid: number): boolean {
  return processTable().some((entry) => entry.pid === pid);
}

/** OS threads of this process right now (/proc/self/task), worker_threads included. */
export function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}
