/**
 * Refuses an output path on a pseudo file system (/proc, /sys, /dev) before anything is written or
 * measured. Such a path never works, and not always by failing: `mkdir -p /proc/x` (Node's
 * `mkdir(..., { recursive: true })`) loops for ever, because /proc answers ENOENT to every mkdir
 * and the recursive walk keeps retrying; as root, /dev/x is created on devtmpfs, in memory.
 */
import { statfsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UnwritableOutputError } from './errors.js';
import { errorCode } from './read-input-file.js';

/**
 * statfs(2) `f_type` of the Linux pseudo file systems that hold no files of ours (linux/magic.h).
 * The type, not the path, catches them wherever they are mounted (a container's /host/proc).
 */
const PSEUDO_FS_TYPES = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x1cd1, 'devpts'],
  [0xcafe4a11, 'bpf'],
]);

/**
 * Checked by path as well: devtmpfs reports tmpfs's type, so statfs cannot tell /dev from /tmp,
 * and off Linux the types above mean nothing. /dev/shm is an ordinary tmpfs and stays allowed.
 */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];
const ALLOWED_UNDER_ROOTS = ['/dev/shm'];

/**
 * @param path the output file or directory, as the user gave it (it need not exist yet)
 * @param flag the flag that named it, for the message, e.g. `--out`
 * @throws UnwritableOutputError when `path` would be on a pseudo file system
 */
export function checkOutputPath(path: string, flag: string): void {
  const { real, realAncestor } = locate(path);
  const root = PSEUDO_ROOTS.find((candidate) => isWithin(real, candidate) && !ALLOWED_UNDER_ROOTS.some((allowed) => isWithin(real, allowed)));
  const kind = root ?? (process.platform === 'linux' ? PSEUDO_FS_TYPES.get(fileSystemType(realAncestor)) : undefined);
  if (kind !== undefined) {
    throw new UnwritableOutputError(`cannot write to ${path}: it is on a pseudo file system (${kind}) that holds no files (give a directory on a disk with ${flag})`);
  }
}

/** Where `path` really is, symbolic links resolved (see `locate`). */
export function realOutputPath(path: string): string {
  return locate(path).real;
}

/** Whether `path` is `dir` or inside it (both absolute and normalized). */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);
}

/**
 * The nearest existing one of `path` and its parents with symbolic links resolved, and `path` as
 * that plus the part that does not exist yet, so `out -> /proc` and `out/x` are seen for what
 * they are. A parent that cannot be resolved (EACCES) is taken as written: the write will fail
 * there with its own message.
 */
function locate(path: string): { real: string; realAncestor: string } {
  const absolute = resolve(path);
  for (let current = absolute; ; current = dirname(current)) {
    try {
      const realAncestor = realpathSync(current);
      return { real: join(realAncestor, relative(current, absolute)), realAncestor };
    } catch (error) {
      const code = errorCode(error);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(current) === current) return { real: absolute, realAncestor: current };
    }
  }
}

/** statfs(2) `f_type`, or 0 when the system refuses it (then the write itself will say why). */
function fileSystemType(path: string): number {
  try {
    return statfsSync(path).type;
  } catch (error) {
    if (errorCode(error) === undefined) throw error;
    return 0;
  }
}
