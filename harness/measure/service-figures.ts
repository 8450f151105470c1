/**
 * What a service a crawler uses (the distributed model's redis-server) cost during one run, read
 * from its own process: kept out of the crawler's row, because the service is the engine the
 * crawl runs on, not the crawler, and a user with a Redis of their own pays it elsewhere.
 *
 * Read once, just before the service stops: CPU since it started (utime + stime), its peak RSS
 * (the kernel's high-water mark, VmHWM, so no sampling is needed) and its PSS at that moment.
 */
import { readFileSync } from 'node:fs';
import { readStatFields } from './process-tree.js';
import { USER_HZ } from './measure-process.js';
import type { ServiceFigures } from '../results/results.js';

export function readServiceFigures(name: string, pid: number, commands: number | null, pages: number | null): ServiceFigures {
  const stat = readStatFields(pid);
  return {
    name,
    cpuMs: stat === null ? null : ((stat.userTicks + stat.systemTicks) * 1000) / USER_HZ,
    peakRssBytes: kibField(`/proc/${pid}/status`, 'VmHWM'),
    pssBytes: kibField(`/proc/${pid}/smaps_rollup`, 'Pss'),
    commandsPerPage: commands === null || pages === null || pages === 0 ? null : commands / pages,
  };
}

function kibField(path: string, field: string): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'latin1'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null; // gone, or not Linux
  }
}
