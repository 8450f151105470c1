/**
 * `--hosts`: `N` hosts over loopback, or `netns` / `netns:N` for hosts that are network
 * namespaces of their own (distributed only, root only).
 */
import { InvalidArgumentError } from '../common/errors.js';
import type { CrawlOptions } from '../crawlers/contract.js';
import { numberFlag } from './flag-values.js';

/** Hosts of `--hosts netns` without a count: the fewest that can lose one and still finish. */
export const NETNS_DEFAULT_HOSTS = 2;

/** The options `--hosts TEXT` sets; none when the flag is absent (the defaults apply). */
export function hostsFlag(text: string | undefined): Partial<Pick<CrawlOptions, 'hosts' | 'hostNetwork'>> {
  if (text === undefined) return {};
  const netns = /^netns(?::(.*))?$/.exec(text);
  if (netns === null && /^[a-z]/i.test(text)) throw new InvalidArgumentError(`--hosts takes N (hosts over loopback), netns or netns:N (network namespaces), got ${JSON.stringify(text)}`);
  if (netns === null) return { hosts: numberFlag('--hosts', text) };
  return { hostNetwork: 'netns', hosts: netns[1] === undefined ? NETNS_DEFAULT_HOSTS : numberFlag('--hosts netns:N', netns[1]) };
}
