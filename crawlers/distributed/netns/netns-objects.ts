/**
 * The namespaces and links netns runs made, found by the launcher pid in their names
 * (netns-names.ts), and their deletion: the one routine behind a run's own clean-up, its 'exit'
 * safety net, and the sweep of what dead launchers left (a SIGKILL, a second Ctrl-C or a power
 * cut reach no `finally`), as run-temp-dir.ts sweeps a killed bench's temporary directories.
 */
import { processIsAlive } from '../../../common/process-is-alive.js';
import type { IpTool } from './ip-command.js';
import { linkOwner, namespaceOwner } from './netns-names.js';

/** A namespace or a root-namespace link of a netns run, and the launcher pid its name carries. */
export interface RunObject {
  kind: 'namespace' | 'link';
  name: string;
  owner: number;
}

/** Every namespace and link of any netns run on this machine, read from `ip netns list` and `ip -o link`. */
export function listRunObjects(ip: IpTool): RunObject[] {
  const objects: RunObject[] = [];
  // `cb-123-0 (id: 4)`, or the bare name when the namespace has no id yet.
  for (const line of ip.run(['netns', 'list']).split('\n')) {
    const name = line.trim().split(/\s+/)[0] ?? '';
    const owner = namespaceOwner(name);
    if (owner !== undefined) objects.push({ kind: 'namespace', name, owner });
  }
  // `12: cbv123-0@if2: <BROADCAST,…> …`: the name ends at the `@` of a veth's peer or at the colon.
  for (const line of ip.run(['-o', 'link', 'show']).split('\n')) {
    const name = /^\d+:\s+([^:@\s]+)/.exec(line)?.[1] ?? '';
    const owner = linkOwner(name);
    if (owner !== undefined) objects.push({ kind: 'link', name, owner });
  }
  return objects;
}

export interface Deletion {
  deleted: string[];
  /** Names still there afterwards: ip could not delete them (they are reported, never retried blindly). */
  left: string[];
}

/** Deletes every run object whose owner `doomed` picks. Idempotent: it deletes only what it finds. */
export function deleteRunObjects(ip: IpTool, doomed: (owner: number) => boolean): Deletion {
  const found = listRunObjects(ip).filter((object) => doomed(object.owner));
  // Namespaces first: the veth end inside goes with its namespace. The kernel frees a namespace
  // asynchronously (and only once no process is left in it), so the bridge ends are deleted
  // explicitly rather than waited for; one already gone is fine.
  for (const object of found) if (object.kind === 'namespace') ip.attempt(['netns', 'delete', object.name]);
  for (const object of found) if (object.kind === 'link') ip.attempt(['link', 'delete', object.name]);
  const left = listRunObjects(ip)
    .filter((object) => doomed(object.owner))
    .map((object) => object.name);
  return { deleted: found.map((object) => object.name).filter((name) => !left.includes(name)), left };
}

/**
 * Deletes what netns runs whose launcher is dead left behind; a live run's objects, this
 * process's included, are never touched. What cannot be deleted now is left for a later sweep
 * rather than failing the run that sweeps.
 */
export function sweepStaleRunObjects(ip: IpTool, isAlive: (pid: number) => boolean = processIsAlive): Deletion {
  return deleteRunObjects(ip, (owner) => owner !== process.pid && !isAlive(owner));
}
