/**
 * The network of a distributed crawl whose hosts are network namespaces (`--hosts netns`): one
 * Linux bridge in this machine's namespace holding 10.213.k.1/24 (claim-subnet.ts), and per host
 * a namespace with `lo` up and one veth link to the bridge, its inside end at 10.213.k.(i + 2)/24.
 * The only route inside is the /24's own: a worker reaches the bridge address (where the fixture
 * and Redis listen), its own loopback and the other hosts, and nothing else.
 *
 * Opened by whoever starts the services the hosts use, before them, so they can listen on the
 * bridge address; named after this process's pid (netns-names.ts). Deleted by `close()`, by an
 * 'exit' handler if the process ends without it (an uncaught error), and otherwise (SIGKILL, a
 * second Ctrl-C) by the sweep every later open runs first. No SIGINT/SIGTERM handler here: the
 * crawl command turns those into an abort, and its `finally` calls `close()` once the workers
 * inside have stopped, which a handler deleting the namespaces under them could not wait for.
 */
import { HostNetworkError, PrivilegeRequiredError } from '../../../common/errors.js';
import { MAX_NETNS_HOSTS, NETNS_SUBNET_COUNT, netnsAddress } from '../../../common/netns-block.js';
import type { HostNamespaces } from '../../contract.js';
import { claimSubnet } from './claim-subnet.js';
import { findIp, type IpTool } from './ip-command.js';
import { bridgeName, INSIDE_LINK, namespaceName, vethName } from './netns-names.js';
import { deleteRunObjects, listRunObjects, sweepStaleRunObjects } from './netns-objects.js';

export interface NetnsRequest {
  hosts: number;
  /** The uid check, replaceable so a test can play a user who is not root. @default process.getuid */
  getuid?: () => number;
  /** Where `ip` is looked up (PATH). @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface NetnsHosts {
  /** What the crawler needs: `CrawlOptions.netns`. */
  hosts: HostNamespaces;
  /** Deletes every namespace and link of the run. Idempotent; throws `HostNetworkError` naming what could not be deleted. */
  close(): void;
}

/**
 * Checks the privileges, sweeps dead runs' leftovers, and creates the run's network. Throws
 * `PrivilegeRequiredError` or `MissingToolError` (exit 2) before creating anything, and
 * `HostNetworkError` if the set-up fails midway, after deleting what it had made.
 */
export function openNetnsHosts(request: NetnsRequest): NetnsHosts {
  if (!Number.isInteger(request.hosts) || request.hosts < 1 || request.hosts > MAX_NETNS_HOSTS) {
    throw new TypeError(`openNetnsHosts: hosts must be a whole number from 1 to ${MAX_NETNS_HOSTS}, got ${request.hosts}; resolveCrawlOptions checks it`);
  }
  const uid = request.getuid === undefined ? process.getuid?.() : request.getuid();
  if (uid !== 0) {
    throw new PrivilegeRequiredError(
      `--hosts netns needs root (this process runs as uid ${String(uid)}): it creates network namespaces, veth links and a bridge; run it as root, or use --hosts N for hosts over loopback`,
    );
  }
  const ip = findIp(request.env);
  const pid = process.pid;
  sweepStaleRunObjects(ip);
  const mine = listRunObjects(ip).filter((object) => object.owner === pid);
  if (mine.length > 0) {
    // Names carry the pid alone: a second network in one process would take the first one's names.
    throw new HostNetworkError(
      `this process (pid ${pid}) already has netns hosts (${mine.map((object) => object.name).join(', ')}): run one netns crawl at a time per process; if none is running, delete them with \`ip netns delete\` and \`ip link delete\``,
    );
  }
  createFirstNamespace(ip, pid);
  const remove = (): string[] => deleteRunObjects(ip, (owner) => owner === pid).left;
  const onExit = (): void => {
    const left = safely(remove);
    if (left.length > 0) process.stderr.write(`crawl: netns hosts left behind (${left.join(', ')}); the next netns run deletes them\n`);
  };
  process.on('exit', onExit);
  let hosts: HostNamespaces;
  try {
    hosts = createNetwork(ip, pid, request.hosts);
  } catch (error) {
    process.off('exit', onExit);
    remove();
    throw error;
  }
  let closed = false;
  return {
    hosts,
    close() {
      if (closed) return;
      closed = true;
      process.off('exit', onExit);
      const left = remove();
      if (left.length > 0) {
        throw new HostNetworkError(`could not delete the netns hosts' ${left.join(', ')}; delete them with \`ip netns delete NAME\` / \`ip link delete NAME\`, or let the next netns run sweep them`);
      }
    },
  };
}

/**
 * The first `ip netns add` is also the privilege check that the uid cannot make: root in a
 * container without CAP_SYS_ADMIN fails here, before anything of the run exists.
 */
function createFirstNamespace(ip: IpTool, pid: number): void {
  const name = namespaceName(pid, 0);
  const added = ip.attempt(['netns', 'add', name]);
  if (added.ok) return;
  if (/permission denied|not permitted/i.test(added.error)) {
    throw new PrivilegeRequiredError(
      `--hosts netns could not create a network namespace (ip netns add: ${added.error}): it needs CAP_SYS_ADMIN and CAP_NET_ADMIN, which a container has only when run privileged`,
    );
  }
  throw new HostNetworkError(`\`ip netns add ${name}\` failed: ${added.error}`);
}

function createNetwork(ip: IpTool, pid: number, hostCount: number): HostNamespaces {
  const bridge = bridgeName(pid);
  ip.run(['link', 'add', bridge, 'type', 'bridge']);
  // No IPv6 link-local addresses: the links carry the run's IPv4 addresses and nothing else.
  ip.run(['link', 'set', bridge, 'addrgenmode', 'none', 'up']);
  const subnet = claimSubnet(ip, bridge, pid % NETNS_SUBNET_COUNT);
  const namespaces: string[] = [];
  for (let host = 0; host < hostCount; host += 1) {
    const namespace = namespaceName(pid, host);
    if (host > 0) ip.run(['netns', 'add', namespace]);
    const veth = vethName(pid, host);
    // The inside end is created in the namespace directly: it never holds a name out here.
    ip.run(['link', 'add', veth, 'type', 'veth', 'peer', 'name', INSIDE_LINK, 'netns', namespace]);
    ip.run(['link', 'set', veth, 'addrgenmode', 'none', 'master', bridge, 'up']);
    const inside = ['-n', namespace];
    ip.run([...inside, 'link', 'set', 'lo', 'up']);
    ip.run([...inside, 'link', 'set', INSIDE_LINK, 'addrgenmode', 'none']);
    // A /24 address brings the subnet's route and no other: no default route, so nothing but the run's own links.
    ip.run([...inside, 'address', 'add', `${netnsAddress(subnet, host + 2)}/24`, 'dev', INSIDE_LINK]);
    ip.run([...inside, 'link', 'set', INSIDE_LINK, 'up']);
    namespaces.push(namespace);
  }
  return { bridgeAddress: netnsAddress(subnet, 1), namespaces };
}

/** In an 'exit' handler nothing may throw: a failure to even list is reported as everything left. */
function safely(remove: () => string[]): string[] {
  try {
    return remove();
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
