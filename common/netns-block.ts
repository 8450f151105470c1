/**
 * The private IPv4 block the network-namespace hosts of distributed crawls take their links from:
 * 10.213.0.0/16, one /24 per run (its bridge at .1, host i at .(i + 2)). Shared by the crawler,
 * which claims a /24 of it (crawlers/distributed/netns/claim-subnet.ts), and the fixture, which
 * listens on loopback or on a bridge address of this block and on nothing else.
 *
 * 10.0.0.0/8 is RFC 1918 private space, never routed on the internet; .213 keeps away from the
 * 10.0.x and 10.1.x that home routers and VPNs use most. A /24 that something else on the machine
 * already routes is never taken.
 */

/** The first two octets of every address of the block. */
export const NETNS_BLOCK_PREFIX = '10.213';

/** The /24s in the block, indexed 0–255: `10.213.<index>.0/24`. */
export const NETNS_SUBNET_COUNT = 256;

/**
 * Most hosts of one netns run: host i takes .(i + 2) of the run's /24, the bridge .1, and .255 is
 * the broadcast address.
 */
export const MAX_NETNS_HOSTS = 253;

/** `10.213.<index>.<host>`. */
export function netnsAddress(subnetIndex: number, host: number): string {
  return `${NETNS_BLOCK_PREFIX}.${subnetIndex}.${host}`;
}

/** Whether `address` is a dotted IPv4 address inside 10.213.0.0/16. */
export function isNetnsAddress(address: string): boolean {
  if (!address.startsWith(`${NETNS_BLOCK_PREFIX}.`)) return false;
  const octets = address.slice(NETNS_BLOCK_PREFIX.length + 1).split('.');
  return octets.length === 2 && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}
