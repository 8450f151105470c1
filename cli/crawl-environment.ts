/**
 * What a crawl of `npm run crawl` runs in besides the crawler: the network namespaces of
 * `--hosts netns` and the fixture of `--fixture`. Set up before the crawl in that order, because
 * the fixture listens on the namespaces' bridge; taken down after it in the reverse order,
 * whatever happens (an abort by Ctrl-C or SIGTERM included: the crawl returns, then this runs).
 */
import type { CrawlOptions, HostNamespaces } from '../crawlers/contract.js';
import { openNetnsHosts } from '../crawlers/distributed/netns/netns-hosts.js';
import { startFixtureServer } from '../fixtures/server.js';

/**
 * Runs `crawl` with `options` completed: `startUrl` of the served fixture, `netns` of the hosts.
 * Throws what `openNetnsHosts` throws (not root, no `ip`: exit 2) before anything has started.
 */
export async function withCrawlEnvironment<T>(options: CrawlOptions, serveFixture: boolean, crawl: (options: CrawlOptions) => Promise<T>): Promise<T> {
  const network = options.hostNetwork === 'netns' ? openNetnsHosts({ hosts: options.hosts }) : undefined;
  let result: T;
  try {
    result = await crawlServed(options, serveFixture, network?.hosts, crawl);
  } catch (error) {
    try {
      network?.close();
    } catch {
      // The crawl's own error says more than a failed clean-up after it; what is left the next netns run sweeps.
    }
    throw error;
  }
  // After a good crawl, something left behind must not pass in silence: close() throws, naming it.
  network?.close();
  return result;
}

async function crawlServed<T>(options: CrawlOptions, serveFixture: boolean, netns: HostNamespaces | undefined, crawl: (options: CrawlOptions) => Promise<T>): Promise<T> {
  const fixture = serveFixture ? await startFixtureServer({ host: netns?.bridgeAddress ?? '127.0.0.1' }) : undefined;
  try {
    return await crawl({ ...options, ...(fixture && { startUrl: fixture.startUrl }), ...(netns && { netns }) });
  } finally {
    await fixture?.close();
  }
}
