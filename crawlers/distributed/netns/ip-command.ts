/**
 * iproute2's `ip`, the one tool a netns run drives: it creates and deletes the namespaces, links
 * and addresses, and starts each worker inside its host's namespace (`ip netns exec`).
 *
 * Commands run synchronously. A run's set-up is a few dozen commands of a few milliseconds each,
 * before anything else of the run exists, and its deletion must also work from a process 'exit'
 * handler (a crash), where nothing asynchronous runs any more.
 */
import { execFileSync } from 'node:child_process';
import { HostNetworkError, MissingToolError } from '../../../common/errors.js';
import { findExecutable } from '../../../common/find-executable.js';
import { lastLine } from '../../../common/process-group.js';

/** The Debian package that provides `ip`, for the one line a missing one is reported with. */
export const IP_PACKAGE = 'iproute2';

/**
 * How long one `ip` command may take. They take milliseconds; one that hangs (a wedged netlink,
 * a mount namespace stuck on a dead NFS) must not hang the crawl's set-up or its clean-up forever.
 */
const IP_TIMEOUT_MS = 10_000;

/** What one `ip` command did: failures are data here, the caller decides which ones matter. */
export interface IpOutcome {
  ok: boolean;
  stdout: string;
  /** ip's own last line on failure (e.g. `RTNETLINK answers: File exists`), '' on success. */
  error: string;
}

export interface IpTool {
  /** The `ip` executable, for `ip netns exec`. */
  path: string;
  /** Runs `ip args`; never throws. */
  attempt(args: readonly string[]): IpOutcome;
  /** Runs `ip args` and returns its output; a failure is a HostNetworkError naming the command. */
  run(args: readonly string[]): string;
}

/** The `ip` on PATH; throws `MissingToolError` (exit 2) when there is none. */
export function findIp(env: NodeJS.ProcessEnv = process.env): IpTool {
  const path = findExecutable('ip', env);
  if (path === undefined) throw new MissingToolError(`ip not found: --hosts netns needs iproute2's ip on PATH (apt-get install ${IP_PACKAGE}); root's PATH has it in /usr/sbin or /sbin`);
  const attempt = (args: readonly string[]): IpOutcome => {
    try {
      return { ok: true, stdout: execFileSync(path, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: IP_TIMEOUT_MS }), error: '' };
    } catch (thrown) {
      // execFileSync throws for a non-zero exit, a timeout or a failed spawn, with what the child printed.
      const failed = thrown as { stdout?: unknown; stderr?: unknown; message?: unknown };
      const said = lastLine(typeof failed.stderr === 'string' ? failed.stderr : '');
      return { ok: false, stdout: typeof failed.stdout === 'string' ? failed.stdout : '', error: said || String(failed.message) };
    }
  };
  return {
    path,
    attempt,
    run(args) {
      const outcome = attempt(args);
      if (!outcome.ok) throw new HostNetworkError(`\`ip ${args.join(' ')}\` failed: ${outcome.error}`);
      return outcome.stdout;
    },
  };
}

/** The command that runs `file args` inside `namespace`: `ip netns exec` execs it, so the process is `file` itself. */
export function netnsExecCommand(ip: IpTool, namespace: string, file: string, args: readonly string[]): { file: string; args: string[] } {
  return { file: ip.path, args: ['netns', 'exec', namespace, file, ...args] };
}
