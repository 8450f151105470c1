/**
 * Picks the /24 of 10.213.0.0/16 a netns run's bridge holds, so that runs side by side never
 * share one and no run takes a subnet something else on the machine already routes.
 *
 * The claim is the kernel's: `ip route add 10.213.k.0/24 dev <bridge>` fails with "File exists"
 * when another run's bridge holds that route, atomically, so two runs racing for the same /24
 * cannot both win. The bridge's address is then added with `noprefixroute` (the claimed route is
 * its subnet route), and both go when the bridge is deleted. Subnets that overlap an address or a
 * route of any other interface, in any routing table (a VPN's 10.213.0.0/16, say), are skipped.
 */
import { HostNetworkError } from '../../../common/errors.js';
import { NETNS_BLOCK_PREFIX, NETNS_SUBNET_COUNT, netnsAddress } from '../../../common/netns-block.js';
import type { IpTool } from './ip-command.js';

/** Route types that `ip route show table all` prints before the destination. */
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'anycast', 'unreachable', 'blackhole', 'prohibit', 'throw', 'nat']);

/**
 * Claims a free /24 for `bridge` and gives the bridge its `.1`; returns the subnet's index k
 * (the subnet is 10.213.k.0/24). The search starts at `startIndex` (the launcher's pid modulo
 * 256), so concurrent runs rarely even try the same subnet first.
 */
export function claimSubnet(ip: IpTool, bridge: string, startIndex: number): number {
  const taken = networksInUse(ip);
  for (let step = 0; step < NETNS_SUBNET_COUNT; step += 1) {
    const index = (startIndex + step) % NETNS_SUBNET_COUNT;
    const subnet = { base: toNumber(netnsAddress(index, 0)), prefixLength: 24 };
    if (taken.some((network) => overlaps(network, subnet))) continue;
    const claimed = ip.attempt(['route', 'add', `${netnsAddress(index, 0)}/24`, 'dev', bridge]);
    if (!claimed.ok) {
      if (/file exists/i.test(claimed.error)) continue; // another run won this one just now
      throw new HostNetworkError(`could not route ${netnsAddress(index, 0)}/24 to ${bridge}: ${claimed.error}`);
    }
    ip.run(['address', 'add', `${netnsAddress(index, 1)}/24`, 'dev', bridge, 'noprefixroute']);
    return index;
  }
  throw new HostNetworkError(`no free /24 left in ${NETNS_BLOCK_PREFIX}.0.0/16 for the netns hosts: other runs or networks use all ${NETNS_SUBNET_COUNT}; see \`ip -4 route show table all\``);
}

interface Network {
  base: number;
  prefixLength: number;
}

/** Every IPv4 network an address or a route of this machine covers, the default route aside. */
function networksInUse(ip: IpTool): Network[] {
  const networks: Network[] = [];
  // `4: eth0    inet 192.0.2.2/24 brd … scope global eth0`
  for (const match of ip.run(['-o', '-4', 'address', 'show']).matchAll(/\sinet\s+(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/g)) {
    networks.push(networkOf(match[1] ?? '', match[2]));
  }
  // `10.0.0.0/8 via … dev …`, `local 127.0.0.1 dev lo table local …`, `default via …`
  for (const line of ip.run(['-4', 'route', 'show', 'table', 'all']).split('\n')) {
    const tokens = line.trim().split(/\s+/);
    const destination = ROUTE_TYPES.has(tokens[0] ?? '') ? tokens[1] : tokens[0];
    const match = /^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?$/.exec(destination ?? '');
    if (match !== null) networks.push(networkOf(match[1] ?? '', match[2]));
  }
  return networks;
}

function networkOf(address: string, prefixLength: string | undefined): Network {
  const length = prefixLength === undefined ? 32 : Number(prefixLength);
  return { base: toNumber(address) & maskOf(length), prefixLength: length };
}

/** Two networks overlap when they agree on the bits of the shorter prefix. */
function overlaps(a: Network, b: Network): boolean {
  const mask = maskOf(Math.min(a.prefixLength, b.prefixLength));
  return (a.base & mask) === (b.base & mask);
}

/** The netmask of a prefix length, as a signed 32-bit integer like the addresses it is and-ed with. */
function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : ~0 << (32 - prefixLength);
}

function toNumber(address: string): number {
  return address.split('.').reduce((value, octet) => (value << 8) | Number(octet), 0);
}
