/**
 * Hosts that are network namespaces (`--hosts netns`), on real namespaces, veth links, a bridge
 * and real processes: a crawl at 10 workers on 2 namespaces returns the exact ground truth, with
 * every worker a child of the launcher inside its own host's namespace (not the launcher's) and
 * the fixture and Redis listening on the bridge address and nowhere else; it stays exact when one
 * host loses every worker mid-crawl; and nothing is left behind (no worker, no redis-server, no
 * namespace, no link, no address) after a crawl, after Ctrl-C, and after SIGKILL of the launcher
 * once a second run has swept. Without root, without `ip`, or without CAP_SYS_ADMIN the command
 * refuses with one line and exit 2 before anything starts.
 *
 * The real-namespace tests need root and iproute2 (CI has both) and are skipped, saying why,
 * without them; the refusals run everywhere.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, MissingToolError, PrivilegeRequiredError } from '../common/errors.js';
import { findExecutable } from '../common/find-executable.js';
import type { CrawlResult } from '../crawlers/contract.js';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { crawlerSet } from '../crawlers/crawler-set.js';
import { distributed } from '../crawlers/distributed/distributed.js';
import { openNetnsHosts } from '../crawlers/distributed/netns/netns-hosts.js';
import { parseCrawlArgs } from '../cli/parse-crawl-args.js';
import { expectedVisits, groundTruth } from '../fixtures/ground-truth.js';
import { eventually } from './helpers/eventually.js';
import { fixtureServers } from './helpers/fixture-servers.js';
import { isRunning, type ProcessEntry } from './helpers/processes.js';
import { distributedProcessesOf } from './helpers/redis.js';
import { visitsOf } from './helpers/visits.js';

const CRAWL_JS = fileURLToPath(new URL('../dist/scripts/crawl.js', import.meta.url));

/** Why the real-namespace tests cannot run here, or undefined when they can. */
const SKIP_REASON = process.getuid?.() !== 0 ? 'not root' : findExecutable('ip') === undefined ? 'no iproute2 ip on PATH' : undefined;
const SETPRIV = findExecutable('setpriv');

const fixtures = fixtureServers();
const launched: ChildProcess[] = [];
afterEach(async () => {
  for (const child of launched.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fixtures.closeAll();
});

/** The namespaces and links whose names carry `pid`, read from `ip netns list` and `ip -o link` themselves. */
function networkObjectsOf(pid: number): string[] {
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`cb-${pid}-`));
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1] ?? '')
    .filter((name) => name === `cbbr${pid}` || name.startsWith(`cbv${pid}-`));
  return [...namespaces, ...links].sort();
}

/** Whether any interface of this machine's namespace still holds `address`. */
function addressInUse(address: string): boolean {
  return execFileSync('ip', ['-o', '-4', 'address', 'show'], { encoding: 'utf8' }).includes(` ${address}/`);
}

/** The addresses something listens on at TCP `port` in this namespace, from /proc/net/tcp and tcp6 (`[hex]` for IPv6). */
function listenersOn(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local = '', , state] = line.trim().split(/\s+/);
      const [hex = '', portHex = ''] = local.split(':');
      if (state !== '0A' || Number.parseInt(portHex, 16) !== port) continue; // 0A: LISTEN
      // IPv4 is four bytes of little-endian hex: 0100007F is 127.0.0.1.
      found.push(file.endsWith('6') ? `[${hex}]` : [6, 4, 2, 0].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join('.'));
    }
  }
  return found;
}

interface NetnsWorker {
  entry: ProcessEntry;
  /** `h<i>-…`: the host the fleet started it on. */
  host: number;
  /** Its network namespace (`net:[inode]`) and that namespace's name, if `ip netns identify` knows it. */
  netns: string;
  namespaceName: string;
}

/**
 * The worker processes below `pid` that have become node itself: `ip netns exec` enters the
 * namespace before it execs node, so from then on the namespace a worker is in is final.
 */
function workersOf(pid: number): NetnsWorker[] {
  return distributedProcessesOf(pid)
    .filter((entry) => entry.cmdline.startsWith(`${process.execPath} `) && entry.cmdline.includes('distributed-worker-entry'))
    .flatMap((entry) => {
      try {
        const host = Number(/ h(\d+)-w\d+-g\d+$/.exec(entry.cmdline)?.[1]);
        const netns = readlinkSync(`/proc/${entry.pid}/ns/net`);
        const namespaceName = execFileSync('ip', ['netns', 'identify', String(entry.pid)], { encoding: 'utf8' }).trim();
        return [{ entry, host, netns, namespaceName }];
      } catch {
        return []; // it exited between the listing and the reads: not a worker any more
      }
    });
}

/** The address and port the redis-server below `pid` says it serves: redis titles itself `redis-server HOST:PORT`. */
function redisAddressOf(pid: number): { host: string; port: number } | undefined {
  for (const entry of distributedProcessesOf(pid)) {
    const match = /redis-server ([\d.]+):(\d+)$/.exec(entry.cmdline);
    if (match !== null && !entry.cmdline.startsWith('sh ')) return { host: match[1] ?? '', port: Number(match[2]) };
  }
  return undefined;
}

/** What a crawl of a launcher at `pid` must show from outside: each worker in its own host's namespace, a child of the launcher. */
function expectWorkersInsideTheirHosts(workers: NetnsWorker[], launcherPid: number, hosts: number): void {
  const launcherNetns = readlinkSync(`/proc/${launcherPid}/ns/net`);
  for (const worker of workers) {
    expect(worker.entry.ppid).toBe(launcherPid);
    expect(worker.netns).not.toBe(launcherNetns);
    expect(worker.namespaceName).toBe(`cb-${launcherPid}-${worker.host}`);
  }
  // One namespace per host, shared by that host's workers only.
  const byHost = new Map(workers.map((worker) => [worker.host, worker.netns]));
  expect(byHost.size).toBe(hosts);
  expect(new Set(byHost.values()).size).toBe(hosts);
}

describe.skipIf(SKIP_REASON !== undefined)(`distributed on network-namespace hosts${SKIP_REASON === undefined ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  it('visits exactly the ground truth at 10 workers on 2 namespaces, the fixture and Redis on the bridge only, each worker inside its host', async () => {
    const network = openNetnsHosts({ hosts: 2 });
    const { bridgeAddress, namespaces } = network.hosts;
    try {
      expect(namespaces).toEqual([`cb-${process.pid}-0`, `cb-${process.pid}-1`]);
      expect(networkObjectsOf(process.pid)).toEqual([`cb-${process.pid}-0`, `cb-${process.pid}-1`, `cbbr${process.pid}`, `cbv${process.pid}-0`, `cbv${process.pid}-1`]);
      // 20 ms a page: the crawl lasts long enough to be watched from outside.
      const site = await fixtures.start({ host: bridgeAddress, latencyMs: 20 });
      expect(new URL(site.origin).hostname).toBe(bridgeAddress);
      expect(listenersOn(site.options.port)).toEqual([bridgeAddress]);
      const crawl = distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 10, hosts: 2, hostNetwork: 'netns', netns: network.hosts, timeoutMs: 30_000 }));
      await eventually('10 workers running inside the namespaces', () => workersOf(process.pid).length === 10, 60_000);
      expectWorkersInsideTheirHosts(workersOf(process.pid), process.pid, 2);
      const redis = redisAddressOf(process.pid);
      expect(redis?.host).toBe(bridgeAddress);
      expect(listenersOn(redis?.port ?? -1)).toEqual([bridgeAddress]);

      const result = await crawl;
      expect(result).toMatchObject({ impl: 'distributed', workers: 10, hosts: 2, startUrl: site.startUrl });
      expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
      expect(new Set(result.pages.map((page) => page.url)).size).toBe(result.pages.length);
      expect(result.stats.errors).toBe(0);
      expect(distributedProcessesOf(process.pid)).toEqual([]);
    } finally {
      network.close();
    }
    expect(networkObjectsOf(process.pid)).toEqual([]);
    expect(addressInUse(bridgeAddress)).toBe(false);
    // Idempotent: a second close does nothing, and does not throw.
    expect(() => network.close()).not.toThrow();
  }, 120_000);

  it('still visits exactly the ground truth when every worker of one namespace is killed mid-crawl', async () => {
    const network = openNetnsHosts({ hosts: 2 });
    try {
      const site = await fixtures.start({ host: network.hosts.bridgeAddress, latencyMs: 50 });
      // 127 pages at 50 ms on 6 workers take over a second: the kill at 300 ms lands with pages in flight.
      const crawl = distributed(resolveCrawlOptions({ startUrl: site.startUrl, workers: 6, hosts: 2, hostNetwork: 'netns', netns: network.hosts, killHostAfterMs: 300, leaseMs: 300 }));
      await eventually('6 workers running inside the namespaces', () => workersOf(process.pid).length === 6, 60_000);
      const before = workersOf(process.pid);
      expectWorkersInsideTheirHosts(before, process.pid, 2);
      // The last host is the one killed; the first goes on alone, its 3 workers untouched.
      await eventually(
        'host 1 to lose every worker while host 0 keeps its 3',
        () => {
          const now = workersOf(process.pid);
          return now.every((worker) => worker.host === 0) && now.length === 3;
        },
        60_000,
      );
      expect(
        workersOf(process.pid)
          .map((worker) => worker.entry.pid)
          .sort(),
      ).toEqual(
        before
          .filter((worker) => worker.host === 0)
          .map((worker) => worker.entry.pid)
          .sort(),
      );

      const result = await crawl;
      expect(visitsOf(result)).toEqual(expectedVisits(site.truth, site.origin));
      expect(result.stats.refetches).toBeGreaterThanOrEqual(1);
      expect(result.stats.restarts).toBe(0);
      expect(result.stats.errors).toBe(0);
      expect(distributedProcessesOf(process.pid)).toEqual([]);
    } finally {
      network.close();
    }
    expect(networkObjectsOf(process.pid)).toEqual([]);
  }, 120_000);

  it('npm run crawl -- --fixture --hosts netns:2: exact, each worker inside its host, nothing left after the run', async () => {
    const child = spawn(process.execPath, [CRAWL_JS, '--fixture', '--impl', 'distributed', '--workers', '4', '--hosts', 'netns:2', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    launched.push(child);
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    const exited = once(child, 'exit');
    const pid = child.pid ?? -1;
    await eventually('4 workers of the crawl running inside its namespaces', () => workersOf(pid).length === 4, 60_000);
    expectWorkersInsideTheirHosts(workersOf(pid), pid, 2);
    const [code] = await exited;
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as CrawlResult;
    // The served fixture is npm run serve's default site, on the run's bridge.
    expect(new URL(result.startUrl).hostname).toMatch(/^10\.213\.\d+\.1$/);
    expect(visitsOf(result)).toEqual(expectedVisits(groundTruth({}), result.startUrl));
    expect(networkObjectsOf(pid)).toEqual([]);
    expect(addressInUse(new URL(result.startUrl).hostname)).toBe(false);
    expect(distributedProcessesOf(pid)).toEqual([]);
  }, 120_000);

  it('leaves nothing after Ctrl-C (SIGINT) to the crawl: exit 130, no worker, no redis-server, no namespace, no link', async () => {
    const child = spawn(process.execPath, [CRAWL_JS, '--fixture', '--impl', 'distributed', '--workers', '4', '--hosts', 'netns:2'], { stdio: 'ignore' });
    launched.push(child);
    const exited = once(child, 'exit');
    const pid = child.pid ?? -1;
    await eventually('4 workers of the crawl running inside its namespaces', () => workersOf(pid).length === 4, 60_000);
    const processes = distributedProcessesOf(pid).map((entry) => entry.pid);
    expect(networkObjectsOf(pid)).toHaveLength(5);
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(130);
    expect(networkObjectsOf(pid)).toEqual([]);
    expect(processes.filter(isRunning)).toEqual([]);
  }, 120_000);

  it('after SIGKILL of the launcher its namespaces and links stay, and the next run deletes them', async () => {
    const first = spawn(process.execPath, [CRAWL_JS, '--fixture', '--impl', 'distributed', '--workers', '4', '--hosts', 'netns:2'], { stdio: 'ignore' });
    launched.push(first);
    const exited = once(first, 'exit');
    const pid = first.pid ?? -1;
    await eventually('4 workers of the crawl running inside its namespaces', () => workersOf(pid).length === 4, 60_000);
    const processes = distributedProcessesOf(pid).map((entry) => entry.pid);
    first.kill('SIGKILL');
    await exited;
    // No code of the launcher ran: what it made is still there, owned by a dead pid.
    expect(networkObjectsOf(pid)).toEqual([`cb-${pid}-0`, `cb-${pid}-1`, `cbbr${pid}`, `cbv${pid}-0`, `cbv${pid}-1`]);
    // Its workers see the IPC channel close and exit; Redis's watchdog sees its stdin close. Orphans
    // are re-parented, so look for them anywhere.
    await eventually("the killed crawl's workers and redis-server to exit", () => !processes.some(isRunning), 15_000);

    const secondRun = execa(process.execPath, [CRAWL_JS, '--fixture', '--impl', 'distributed', '--workers', '2', '--hosts', 'netns', '--json'], { reject: false, env: { CRAWLBENCH_DEBUG: '' } });
    const secondPid = secondRun.pid ?? -1;
    const second = await secondRun;
    expect(second.stderr).toBe('');
    expect(second.exitCode).toBe(0);
    const result = JSON.parse(String(second.stdout)) as CrawlResult;
    expect(visitsOf(result)).toEqual(expectedVisits(groundTruth({}), result.startUrl));
    expect(networkObjectsOf(pid)).toEqual([]);
    expect(networkObjectsOf(secondPid)).toEqual([]);
  }, 120_000);

  it.skipIf(SETPRIV === undefined)('refuses as root without CAP_SYS_ADMIN with one line and exit 2, creating nothing', async () => {
    // Root's uid with every capability dropped: what a container that is not privileged gives.
    const refused = execa(SETPRIV ?? 'setpriv', ['--bounding-set=-all', '--inh-caps=-all', process.execPath, CRAWL_JS, '--fixture', '--impl', 'distributed', '--hosts', 'netns'], {
      reject: false,
      env: { CRAWLBENCH_DEBUG: '' },
    });
    // setpriv execs node in place: the crawl's pid, which its namespaces would be named after.
    const pid = refused.pid ?? -1;
    const run = await refused;
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).split('\n')).toEqual([expect.stringMatching(/^crawl: --hosts netns could not create a network namespace .*CAP_SYS_ADMIN.* \[CB_PRIVILEGE_REQUIRED\]$/)]);
    expect(networkObjectsOf(pid)).toEqual([]);
  });

  it.skipIf(SETPRIV === undefined)('refuses a user who is not root (nobody) with one line and exit 2', async () => {
    const run = await execa(SETPRIV ?? 'setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CRAWL_JS, '--fixture', '--impl', 'distributed', '--hosts', 'netns'], {
      reject: false,
      env: { CRAWLBENCH_DEBUG: '' },
    });
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).split('\n')).toEqual([expect.stringMatching(/^crawl: --hosts netns needs root \(this process runs as uid 65534\).* \[CB_PRIVILEGE_REQUIRED\]$/)]);
  });
});

describe('netns hosts refused before anything starts', () => {
  it('when the process is not root, creating nothing', () => {
    expect(() => openNetnsHosts({ hosts: 2, getuid: () => 1000 })).toThrow(PrivilegeRequiredError);
    expect(() => openNetnsHosts({ hosts: 2, getuid: () => 1000 })).toThrow(/needs root \(this process runs as uid 1000\).*--hosts N for hosts over loopback/);
  });

  it('when there is no ip on PATH, naming the package', () => {
    const call = () => openNetnsHosts({ hosts: 2, getuid: () => 0, env: { PATH: '/nonexistent' } });
    expect(call).toThrow(MissingToolError);
    expect(call).toThrow(/ip not found.*apt-get install iproute2/);
  });

  const parse = (argv: string[]) => parseCrawlArgs(argv, crawlerSet);

  it.each([
    ['a start URL: the namespaces do not reach it', ['http://127.0.0.1:8080/', '--impl', 'distributed', '--hosts', 'netns'], /cannot crawl http:\/\/127\.0\.0\.1:8080\/: .*pass --fixture/],
    ['a model other than distributed', ['--fixture', '--hosts', 'netns'], /--hosts netns is for --impl distributed \(got --impl promise-pool\)/],
    ['a Redis of its own', ['--fixture', '--impl', 'distributed', '--hosts', 'netns', '--redis', 'redis://127.0.0.1:6379'], /redisUrl cannot be used with netns hosts/],
    ['zero namespaces', ['--fixture', '--impl', 'distributed', '--hosts', 'netns:0'], /hosts must be a whole number from 1 to 1000, got 0/],
    ['more namespaces than a /24 holds', ['--fixture', '--impl', 'distributed', '--workers', '300', '--hosts', 'netns:254'], /hosts \(254\) cannot exceed 253 network namespaces/],
    ['a misspelt netns', ['--fixture', '--impl', 'distributed', '--hosts', 'netnss'], /--hosts takes N \(hosts over loopback\), netns or netns:N/],
    ['--fixture beside a URL', ['http://127.0.0.1:8080/', '--fixture'], /give it or a start URL, not both/],
  ])('refuses %s with InvalidArgumentError', async (_what, argv, message) => {
    await expect(parse(argv)).rejects.toThrow(InvalidArgumentError);
    await expect(parse(argv)).rejects.toThrow(message);
  });

  it('parses --hosts netns as 2 namespaces, netns:N as N, and N as N hosts on loopback', async () => {
    expect((await parse(['--fixture', '--impl', 'distributed', '--hosts', 'netns'])).options).toMatchObject({ hosts: 2, hostNetwork: 'netns' });
    expect((await parse(['--fixture', '--impl', 'distributed', '--hosts', 'netns:3'])).options).toMatchObject({ hosts: 3, hostNetwork: 'netns' });
    expect((await parse(['http://127.0.0.1:8080/', '--impl', 'distributed', '--hosts', '3'])).options).toMatchObject({ hosts: 3, hostNetwork: 'loopback' });
    expect((await parse(['--fixture', '--impl', 'distributed', '--hosts', 'netns'])).serveFixture).toBe(true);
  });
});
