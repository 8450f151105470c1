/**
 * Whether a process exists, for the sweeps that tell a dead owner's leftovers (temporary
 * directories, network namespaces) from those of a run still going beside this one.
 */
import { errorCode } from './read-input-file.js';

/**
 * Signal 0 checks that the process exists without touching it. ESRCH: no such process. EPERM:
 * it exists under another user, so it is alive. A pid reused since the owner died keeps its
 * leftovers until that process ends too: a leftover kept a little longer, never a live run's
 * taken away.
 */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}
