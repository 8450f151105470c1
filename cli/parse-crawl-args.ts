/**
 * Flags of `npm run crawl`, parsed and validated once; the usage text reads every default from
 * CRAWL_DEFAULTS, never retyped.
 */
import { parseArgs } from 'node:util';
import { BadInputFileError, InvalidArgumentError } from '../common/errors.js';
import { readInputFile } from '../common/read-input-file.js';
import type { CrawlOptions } from '../crawlers/contract.js';
import { CRAWL_DEFAULTS, resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { requireCrawler, type CrawlerSet } from '../crawlers/crawler-set.js';
import { checkPoolMemory, machineMemory } from '../crawlers/supervised/pool-memory-check.js';
import { numberFlag, onOffFlag, userCrawlersOf } from './flag-values.js';
import { hostsFlag, NETNS_DEFAULT_HOSTS } from './hosts-flag.js';
import { FIXTURE_DEFAULTS } from '../fixtures/fixture-options.js';
import { resolveRuntime, runtimeNames } from '../crawlers/runtime/runtime-catalog.js';
import { DEFAULT_RUNTIME } from '../crawlers/runtime/default-runtime.js';

export const DEFAULT_IMPL = 'promise-pool';

/**
 * `options.startUrl` of a `--fixture` crawl until the fixture is up and says where it listens
 * (crawl-environment.ts sets the real one): a valid URL, so the options are checked as usual.
 */
const FIXTURE_PENDING_URL = 'http://127.0.0.1/';

export function crawlUsage(names: readonly string[]): string {
  return `usage: npm run crawl -- <url> [options]
       npm run crawl -- --fixture [options]

Crawls every page of <url>'s origin and prints a summary.

  --fixture            instead of a URL: crawl the fixture site (${FIXTURE_DEFAULTS.pages} pages) served by this
                       process, on 127.0.0.1, or on the run's bridge with --hosts netns
  --impl NAME          crawler: ${names.join(', ')} (default ${DEFAULT_IMPL});
                       native crawlers are built on first use
  --crawler NAME=CMD   declare your own crawler as a command template (README, "The crawler
                       protocol"); repeatable; then --impl NAME
  --crawler-config F   crawlers from a JSON file {"version":1,"crawlers":{"NAME":"CMD"}}
  --workers N          most pages in flight at once (default ${CRAWL_DEFAULTS.workers})
  --runtime NAME       run a Node model under ${runtimeNames().join(', ')} (default ${DEFAULT_RUNTIME});
                       all but ${DEFAULT_RUNTIME} need \`npm run runtimes\` first
  --json               print the crawl JSON (a CrawlResult with a version) on stdout, nothing else
  --timeout MS         per-request timeout in whole milliseconds (default ${CRAWL_DEFAULTS.timeoutMs})
  --retries N          extra attempts after a network error, 5xx or 429 (default ${CRAWL_DEFAULTS.retries})
  --max-pages N        stop after this many URLs (default ${CRAWL_DEFAULTS.maxPages})
  --max-url-length N   do not follow links whose URL is longer (default ${CRAWL_DEFAULTS.maxUrlLength}; Node models only)
  --keep-alive on|off  reuse connections (default ${CRAWL_DEFAULTS.keepAlive ? 'on' : 'off'}; Node models only)
  --ca FILE            trust this PEM certificate authority (e.g. fixtures/tls/ca.pem)
  --insecure           accept any TLS certificate (Node models only)
  --chaos-ms N         kill a random busy worker every N ms (thread/process/distributed models; default ${CRAWL_DEFAULTS.chaosMs})
  --hosts N            distributed: spread the workers over N hosts on loopback (default ${CRAWL_DEFAULTS.hosts})
  --hosts netns[:N]    distributed, root only: N hosts (default ${NETNS_DEFAULT_HOSTS}), each a network namespace of
                       its own linked to a bridge where Redis and the fixture listen; needs --fixture
  --redis URL          distributed: use this Redis (redis://HOST:PORT/DB) instead of starting a
                       private redis-server; the run's keys are deleted after
  --kill-host-after-ms N  distributed: kill every worker of one host N ms into the crawl (needs --hosts 2 or more)
  --lease-ms N         distributed: silence after which a worker's page is taken over (default ${CRAWL_DEFAULTS.leaseMs})
  -h, --help           show this help

Exit status: 0 done, 1 start URL unreachable or the crawler failed, 2 bad input, 130 interrupted (Ctrl-C).
`;
}

export interface CrawlArgs {
  help: boolean;
  impl: string;
  /** The runtime name; the crawl re-runs itself under it when it is not the default. */
  runtime: string;
  json: boolean;
  /** Without `signal` and `onProgress`, which the script adds. */
  options: CrawlOptions;
  /** The --ca file as given, for command crawlers (they take a path). */
  caPath: string | undefined;
  userCrawlers: Record<string, string>;
  /** `--fixture`: serve the fixture for the crawl; `options.startUrl` is set once it listens. */
  serveFixture: boolean;
}

/** @param setOf the crawler set given the user's command crawlers */
export async function parseCrawlArgs(argv: readonly string[], setOf: (user: Record<string, string>) => CrawlerSet): Promise<CrawlArgs & { set: CrawlerSet }> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      impl: { type: 'string', default: DEFAULT_IMPL },
      runtime: { type: 'string', default: DEFAULT_RUNTIME },
      crawler: { type: 'string', multiple: true },
      'crawler-config': { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      'max-pages': { type: 'string' },
      'max-url-length': { type: 'string' },
      'keep-alive': { type: 'string' },
      ca: { type: 'string' },
      insecure: { type: 'boolean', default: false },
      'chaos-ms': { type: 'string' },
      hosts: { type: 'string' },
      redis: { type: 'string' },
      'kill-host-after-ms': { type: 'string' },
      'lease-ms': { type: 'string' },
      fixture: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const userCrawlers = values.help ? {} : userCrawlersOf(values.crawler ?? [], values['crawler-config']);
  const set = setOf(userCrawlers);
  const base = { impl: values.impl, runtime: values.runtime, json: values.json, caPath: values.ca, userCrawlers, set, serveFixture: values.fixture };
  if (values.help) return { ...base, help: true, options: resolveCrawlOptions({ startUrl: 'http://127.0.0.1/' }) };
  if (values.fixture && positionals.length > 0) throw new InvalidArgumentError(`--fixture serves the site to crawl: give it or a start URL, not both (got ${positionals[0]})`);
  const [startUrl = values.fixture ? FIXTURE_PENDING_URL : undefined, ...extra] = positionals;
  if (startUrl === undefined || extra.length > 0) {
    throw new InvalidArgumentError(`give exactly one start URL, e.g. npm run crawl -- http://127.0.0.1:8080/ (got ${positionals.length}; see --help)`);
  }
  if (values.insecure && values.ca !== undefined) throw new InvalidArgumentError('--ca and --insecure exclude each other; pick one');
  requireCrawler(set, values.impl);
  const hosts = hostsFlag(values.hosts);
  if (hosts.hostNetwork === 'netns') checkNetnsArgs(values.impl, values.runtime, values.fixture, startUrl);
  if (values.runtime !== DEFAULT_RUNTIME) {
    if (set.commands.has(values.impl)) throw new InvalidArgumentError(`--runtime runs the Node models only; ${values.impl} is a command crawler`);
    if (values.fixture) throw new InvalidArgumentError(`--fixture runs under the default runtime only; serve it with npm run serve and crawl its URL under ${values.runtime}`);
    // Unknown (exit 2) or not installed (exit 2, naming npm run runtimes), before anything runs.
    resolveRuntime(values.runtime);
  }
  const options = resolveCrawlOptions({
    startUrl,
    workers: numberFlag('--workers', values.workers),
    timeoutMs: numberFlag('--timeout', values.timeout),
    retries: numberFlag('--retries', values.retries),
    maxPages: numberFlag('--max-pages', values['max-pages']),
    maxUrlLength: numberFlag('--max-url-length', values['max-url-length']),
    keepAlive: onOffFlag('--keep-alive', values['keep-alive']),
    chaosMs: numberFlag('--chaos-ms', values['chaos-ms']),
    ...hosts,
    redisUrl: values.redis,
    killHostAfterMs: numberFlag('--kill-host-after-ms', values['kill-host-after-ms']),
    leaseMs: numberFlag('--lease-ms', values['lease-ms']),
    insecure: values.insecure,
    ca: values.ca === undefined ? undefined : await readCa(values.ca),
  });
  // Before any worker starts: a pool the machine cannot hold would swap or meet the OOM killer.
  checkPoolMemory(values.impl, options.workers, machineMemory());
  return { ...base, help: false, options };
}

/**
 * What `--hosts netns` refuses before anything starts. Its workers reach only the run's bridge,
 * so a site elsewhere (a fixture on this machine's 127.0.0.1 included: inside a namespace that is
 * the namespace's own loopback) is out of their reach: the run serves the fixture on the bridge.
 */
function checkNetnsArgs(impl: string, runtime: string, fixture: boolean, startUrl: string): void {
  if (impl !== 'distributed') throw new InvalidArgumentError(`--hosts netns is for --impl distributed (got --impl ${impl})`);
  if (runtime !== DEFAULT_RUNTIME) throw new InvalidArgumentError(`--hosts netns runs under the default runtime only (got --runtime ${runtime})`);
  if (!fixture) {
    throw new InvalidArgumentError(
      `--hosts netns cannot crawl ${startUrl}: its workers reach only the run's own bridge, not this machine's loopback or any other network; pass --fixture instead of a URL to crawl the fixture served on the bridge`,
    );
  }
}

async function readCa(file: string): Promise<string> {
  const text = await readInputFile(file, 'the CA file', 'give the path of a PEM certificate such as fixtures/tls/ca.pem');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new BadInputFileError(`the CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return text;
}
