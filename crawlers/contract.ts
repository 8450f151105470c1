/**
 * The crawl contract: what every crawler implementation takes and returns.
 *
 * NOTE: the field names of `CrawlResult`, `PageRecord` and `CrawlStats` are read by outside checks
 * (`pages[].url`, `pages[].status` from `npm run crawl -- --json`), by the harness and by the
 * report. Renaming one means changing all of them together.
 */

/** Why a page has no usable response. */
export type ErrorKind =
  /** No complete response within `timeoutMs` (headers or body). */
  | 'timeout'
  /** The connection was reset or closed before the body ended. */
  | 'reset'
  /** The body exceeded `maxBodyBytes`. */
  | 'too-large'
  /** Nothing listens on the port (ECONNREFUSED). */
  | 'refused'
  /** The host name did not resolve. */
  | 'dns'
  /** TLS handshake or certificate failure. */
  | 'tls'
  /** The body could not be decoded (bad gzip/br/deflate stream). */
  | 'decode'
  /** Any other network-level failure. */
  | 'network'
  /** The crawl was aborted while the page was in flight. */
  | 'aborted'
  /** The worker handling the page died on every allowed attempt. */
  | 'worker-crashed';

/** Every `ErrorKind`, for readers that check a kind given from outside (the crawler protocol). */
export const ERROR_KINDS = ['timeout', 'reset', 'too-large', 'refused', 'dns', 'tls', 'decode', 'network', 'aborted', 'worker-crashed'] as const satisfies readonly ErrorKind[];

export interface CrawlOptions {
  /** Where the crawl starts; `http:` or `https:`. Its origin (scheme, host, port) is the scope. */
  startUrl: string;
  /** The most units of work in flight at once (requests, threads or processes). @default 10 */
  workers: number;
  /** Per-request timeout, covering headers and body. @default 10_000 */
  timeoutMs: number;
  /** Extra attempts after a network error, a 5xx or a 429, with a short backoff. @default 2 */
  retries: number;
  /** Safety cap on the number of URLs visited. @default 100_000 */
  maxPages: number;
  /** Bodies larger than this end as `too-large`. @default 10 MiB */
  maxBodyBytes: number;
  /**
   * Links whose normalized URL is longer than this are not followed, only counted
   * (`stats.skippedLongUrls`): a site whose URLs grow with depth would otherwise make memory grow
   * with the square of the pages. @default 2048, the sitemap protocol's limit
   */
  maxUrlLength: number;
  /** Reuse connections (HTTP keep-alive). @default true */
  keepAlive: boolean;
  /** PEM certificate authority to trust for HTTPS, e.g. the fixture's `fixtures/tls/ca.pem`. */
  ca?: string;
  /** Accept any TLS certificate (self-signed sites). @default false */
  insecure: boolean;
  /** Kill one random busy worker every `chaosMs` ms (thread, process and distributed crawlers only). @default 0 (off) */
  chaosMs: number;
  /**
   * Hosts the `distributed` crawler spreads its `workers` over, each running `workers / hosts` worker
   * processes (the first hosts take one more when it does not divide). Not above `workers`. What a
   * host is, is `hostNetwork`'s to say.
   * @default 1
   */
  hosts: number;
  /**
   * `distributed` only: what a host is. `loopback`: a group of worker processes on this machine,
   * talking to Redis and the site over loopback. `netns`: a network namespace of its own, linked to
   * a bridge where Redis and the site listen; the namespaces are created beforehand
   * (`openNetnsHosts`, root only) and given as `netns`. @default 'loopback'
   */
  hostNetwork: 'loopback' | 'netns';
  /** With `hostNetwork: 'netns'`: the hosts' namespaces and the bridge address, as `openNetnsHosts` made them. */
  netns?: HostNamespaces;
  /**
   * An existing Redis server (`redis://host:port/db`) for the `distributed` crawler, instead of a
   * private `redis-server` started for the run; the run's keys are namespaced and deleted after.
   * @default undefined (start a private redis-server on a free loopback port)
   */
  redisUrl?: string;
  /**
   * `distributed` only: kill every worker of one host this many ms into the crawl (needs `hosts` of
   * at least 2); the other hosts reclaim its pages. @default 0 (off)
   */
  killHostAfterMs: number;
  /**
   * `distributed` only: how long a frontier entry's owner may stay silent (no heartbeat, no answer)
   * before another worker takes the entry over. Owners renew it every `leaseMs / 4` while a page
   * runs, so it bounds a worker's stall, not a page's time. @default 3000
   */
  leaseMs: number;
  /** Fault injection for supervision demos and tests: a thread or process worker dies (`process.exit(1)`) whenever it is given a URL containing this text. @default undefined (off) */
  crashOnUrl?: string;
  /** Aborting stops the crawl and releases every worker; the result holds what finished. */
  signal?: AbortSignal;
  /**
   * Called by the coordinator after each page is recorded, for progress displays. Stays on the
   * coordinator's side (never sent to a worker); keep it cheap, it runs once per page.
   */
  onProgress?: (progress: CrawlProgress) => void;
}

/** The network namespaces of a netns run's hosts (crawlers/distributed/netns/netns-hosts.ts). */
export interface HostNamespaces {
  /** The address of the bridge in this machine's namespace, the only one the hosts can reach: Redis and the site listen there. */
  bridgeAddress: string;
  /** One namespace name per host, host i in `namespaces[i]`, each reachable by `ip netns exec`. */
  namespaces: string[];
}

/** Where a crawl stands, as `onProgress` sees it. */
export interface CrawlProgress {
  /** Pages recorded so far. */
  pages: number;
  /** URLs waiting in the frontier. */
  queued: number;
  inFlight: number;
  errors: number;
}

/** One visited URL. */
export interface PageRecord {
  /** Normalized absolute URL (no fragment, no query). */
  url: string;
  /** Final HTTP status of the last attempt; 0 when no response arrived (see `error`). */
  status: number;
  /** Decoded body bytes received. */
  bytes: number;
  /** Time spent on this page, all attempts included. */
  ms: number;
  /** Number of distinct in-scope URLs found on the page (links, or the redirect target). */
  links: number;
  /** Normalized target of a 3xx response, when it had a usable `Location`. */
  redirectTo?: string;
  /** Why the page has no usable response; absent on success and on plain HTTP error statuses. */
  error?: ErrorKind;
}

export interface CrawlStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Decoded body bytes received over all pages. */
  bytes: number;
  /** Pages whose record carries an `error`. */
  errors: number;
  /** Wall time of the crawl itself, from the first request to the last record (pool start-up excluded). */
  durationMs: number;
  /** Most pages in flight at once, as observed by the coordinator. Never above `workers`. */
  maxInFlight: number;
  /** Time to start the worker pool until every worker is ready; 0 for the promise pool. */
  startupMs: number;
  /** Workers that died and were replaced (supervision). */
  restarts: number;
  /**
   * Links to new URLs refused because `maxPages` URLs were already admitted: more than 0 means the
   * crawl stopped at the cap, not at the end of the site. 0 for command crawlers, which do not say.
   */
  refusedByMaxPages: number;
  /** Links not followed because their URL was longer than `maxUrlLength`. 0 for command crawlers. */
  skippedLongUrls: number;
  /**
   * `distributed` only: frontier entries taken over from an owner that went silent past its lease
   * (dead, killed or stalled), each one a page fetched again. Absent for the other models.
   */
  refetches?: number;
  /** `distributed` only: completions refused because their worker no longer owned the entry (a late answer). */
  refusedCompletions?: number;
  /** `distributed` only: milliseconds taken-over entries waited, silent, before they were reclaimed, summed. */
  reclaimWaitMs?: number;
}

export interface CrawlResult {
  /** Implementation name, e.g. `promise-pool`. */
  impl: string;
  workers: number;
  /** `distributed` only: the hosts the workers were spread over. */
  hosts?: number;
  startUrl: string;
  pages: PageRecord[];
  stats: CrawlStats;
}

/** What visiting one URL yields: the record, and the in-scope normalized URLs it leads to. */
export interface PageVisit {
  record: PageRecord;
  /** Distinct normalized in-scope URLs (links or redirect target), in document order. */
  found: string[];
  /** Requests this visit sent, retries included. */
  requests: number;
  /** Links of the page not followed because their URL is longer than `maxUrlLength`. */
  skippedLongUrls: number;
}

/** A crawler implementation: same options in, same result out. */
export type Crawler = (options: CrawlOptions) => Promise<CrawlResult>;
