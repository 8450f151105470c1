/**
 * What a netns run names its namespaces and links. Every name carries the launcher's pid, so a
 * later run tells a dead launcher's leftovers from those of a run still going (netns-objects.ts),
 * and every link name fits IFNAMSIZ (15 characters; Linux pids have at most 7 digits, 2^22):
 *
 *   namespace of host i   cb-<pid>-<i>     a file in /run/netns, no length limit
 *   bridge                cbbr<pid>        at most 11 characters
 *   veth, bridge end      cbv<pid>-<i>     at most 14 for i < 1000
 *   veth, inside end      eth0             in the host's namespace, where no other link is
 */

/** The name of the veth end inside each host's namespace. */
export const INSIDE_LINK = 'eth0';

export function namespaceName(pid: number, host: number): string {
  return `cb-${pid}-${host}`;
}

export function bridgeName(pid: number): string {
  return `cbbr${pid}`;
}

export function vethName(pid: number, host: number): string {
  return `cbv${pid}-${host}`;
}

/** The launcher pid in the name of a netns run's namespace, undefined for any other namespace. */
export function namespaceOwner(name: string): number | undefined {
  const match = /^cb-(\d+)-\d+$/.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/** The launcher pid in the name of a netns run's bridge or veth end, undefined for any other link. */
export function linkOwner(name: string): number | undefined {
  const match = /^cbbr(\d+)$/.exec(name) ?? /^cbv(\d+)-\d+$/.exec(name);
  return match === null ? undefined : Number(match[1]);
}
