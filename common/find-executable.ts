/**
 * An executable looked up on PATH the way a shell would, without running a shell: the tools the
 * crawls start (redis-server, ip) are reported missing with one line before anything starts.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable `name` on `env.PATH`, undefined when there is none. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter((entry) => entry !== '')) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here: try the next directory
    }
  }
  return undefined;
}
