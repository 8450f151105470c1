/**
 * A private `redis-server` for one distributed crawl: a free port on loopback (or, for netns
 * hosts, on the run's bridge address and nowhere else), no persistence, gone when the crawl is,
 * whatever happens.
 *
 * Redis cannot listen on port 0 and say which port it got, so a port is picked by binding a
 * server to port 0 and closing it; another process can take it in between, so a failed bind is
 * retried on a new port. Node has no prctl(PR_SET_PDEATHSIG), and a redis-server whose parent
 * died keeps running, so redis runs under a two-line `sh` watchdog holding a pipe from this
 * process on its stdin: when this process exits for any reason, SIGKILL included, the pipe reaches
 * end of file and the watchdog stops redis. A harness that kills the crawl's process group kills
 * both at once (neither is detached).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { freePort } from '../../common/free-port.js';
import { tmpdir } from 'node:os';
import { MissingToolError, RedisStartError } from '../../common/errors.js';
import { findExecutable } from '../../common/find-executable.js';
import { lastLine, tailOf } from '../../common/process-group.js';
import { processIsAlive } from '../../common/process-is-alive.js';

/** The Debian package that provides `redis-server`, for the one line a missing one is reported with. */
export const REDIS_PACKAGE = 'redis-server';

export interface RedisServer {
  /** `redis://<host>:<port>`, host 127.0.0.1 unless another was asked for. */
  url: string;
  /** Process id of redis-server itself (not of its watchdog), for process-table checks. */
  pid: number;
  /** Stops redis (SIGTERM, then SIGKILL after a grace period) and its watchdog. Idempotent. */
  stop(): Promise<void>;
}

/** Binds that lost their port to another process before redis took it, tried again on a new port. */
const PORT_ATTEMPTS = 5;
/** How long redis may take to answer PING; it starts in milliseconds when the machine is idle. */
const READY_TIMEOUT_MS = 10_000;
/** How long redis may take to exit on SIGTERM before it is killed; without persistence it is instant. */
const STOP_GRACE_MS = 2_000;

/**
 * The watchdog: start redis-server (`$0`, args `$@`) in the background, print its pid, wait for
 * end of file on stdin (this process closing the pipe, or dying), then stop redis. A background
 * job of a non-interactive shell gets /dev/null as stdin, so redis never holds the pipe itself.
 */
const WATCHDOG = '"$0" "$@" & pid=$!; echo "$pid"; read -r _ || :; kill -TERM "$pid" 2>/dev/null; wait "$pid"';

/** The `redis-server` executable on PATH (Debian's package puts it in /usr/bin), undefined when there is none. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable('redis-server', env);
}

/** The one line a crawl without Redis fails with. */
export function missingRedisError(): MissingToolError {
  return new MissingToolError(`redis-server not found: the distributed crawler needs Redis 7; install Debian's ${REDIS_PACKAGE} package (apt-get install ${REDIS_PACKAGE}) or pass --redis URL`);
}

/**
 * Starts a private redis-server listening on `host` only and resolves once it answers PING there.
 * Throws `MissingToolError` or `RedisStartError`.
 * @param host an address of this machine: loopback, or a netns run's bridge address
 */
export async function startRedisServer(host = '127.0.0.1'): Promise<RedisServer> {
  const executable = findRedisServer();
  if (executable === undefined) throw missingRedisError();
  let lastFailure = '';
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
    const port = await freePort(host);
    const started = await startOn(executable, host, port);
    if ('server' in started) return started.server;
    lastFailure = started.failure;
    if (!started.portTaken) break;
  }
  throw new RedisStartError(`redis-server did not start: ${lastFailure}`);
}

async function startOn(executable: string, host: string, port: number): Promise<{ server: RedisServer } | { failure: string; portTaken: boolean }> {
  const args = ['--port', String(port), '--bind', host, '--protected-mode', 'no', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', tmpdir(), '--loglevel', 'warning'];
  const watchdog = spawn('sh', ['-c', WATCHDOG, executable, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = once(watchdog, 'exit').then(() => undefined);
  const log = tailOf(watchdog.stderr);
  const output = tailOf(watchdog.stdout);
  // Safety net for an exit that skips `stop()` (process.exit in a test runner): killing here is synchronous.
  const onExit = (): void => killBoth(watchdog, pid);
  process.once('exit', onExit);
  let pid = -1;
  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    watchdog.stdin?.end();
    const timer = setTimeout(() => killBoth(watchdog, pid), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    // The watchdog waited for redis, unless it was killed itself: then make sure of redis.
    if (pid > 0 && processIsAlive(pid)) killPid(pid);
  };
  watchdog.on('error', () => undefined); // a failed spawn of sh: 'exit' follows and is reported below
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (watchdog.exitCode !== null || watchdog.signalCode !== null) break;
    if (pid < 0) pid = Number(output.text().split('\n')[0]) || -1;
    if (pid > 0 && !processIsAlive(pid)) break;
    if (pid > 0 && (await answersPing(host, port))) {
      return { server: { url: `redis://${host}:${port}`, pid, stop: onceOnly(stop) } };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const said = `${output.text()}\n${log.text()}`;
  await stop();
  // redis 7 logs the bind error, then "Failed listening on port N (tcp), aborting." last.
  return { failure: lastLine(said) || `no answer to PING on ${host}:${port} within ${READY_TIMEOUT_MS} ms`, portTaken: /address already in use/i.test(said) };
}

/** One PING over a fresh connection; true when redis answered PONG within a second. */
function answersPing(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('+PONG')));
  });
}

function killBoth(watchdog: ChildProcess, pid: number): void {
  if (pid > 0) killPid(pid);
  watchdog.kill('SIGKILL');
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // ESRCH: already gone
  }
}

function onceOnly(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= run();
    return running;
  };
}
