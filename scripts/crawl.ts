/**
 * `npm run crawl -- <url> [options]`: crawl one site with one implementation and print a summary,
 * or the `CrawlResult` as JSON. Parses and validates flags, runs the crawler, maps failures to
 * exit codes (via runCli): 2 bad input, 1 unreachable start URL, 130 interrupted.
 */
import type { CrawlResult, ErrorKind } from '../crawlers/contract.js';
import { UnreachableError } from '../common/errors.js';
import { crawlerSet } from '../crawlers/crawler-set.js';
import { runAnyCrawler } from '../crawlers/run-any-crawler.js';
import { formatCrawlSummary } from '../cli/format-crawl-summary.js';
import { crawlUsage, parseCrawlArgs } from '../cli/parse-crawl-args.js';
import { createCrawlProgress } from '../cli/crawl-progress.js';
import { withCrawlEnvironment } from '../cli/crawl-environment.js';
import { runCli } from '../cli/run-cli.js';
import { rerunUnderRuntime } from '../cli/rerun-under-runtime.js';
import { DEFAULT_RUNTIME } from '../crawlers/runtime/default-runtime.js';
import { fileURLToPath } from 'node:url';

/** Version of the `--json` document: a `CrawlResult` with this `version` field first. */
const CRAWL_JSON_VERSION = 1;

/** What the user should hear when the start URL itself failed this way. */
const UNREACHABLE_REASONS: Partial<Record<ErrorKind, string>> = {
  refused: 'connection refused (is the server running?)',
  dns: 'the host name does not resolve (check the spelling)',
  tls: 'TLS handshake failed (self-signed? pass --ca FILE or --insecure)',
  timeout: 'no response before the timeout (slow server? raise --timeout)',
  reset: 'the connection was closed before a response arrived',
  network: 'a network error occurred',
};

await runCli('crawl', async (argv) => {
  const { help, impl, runtime, json, options, set, caPath, serveFixture } = await parseCrawlArgs(argv, crawlerSet);
  if (help) {
    process.stdout.write(crawlUsage(set.names));
    return 0;
  }
  if (runtime !== DEFAULT_RUNTIME) return rerunUnderRuntime({ runtime, script: fileURLToPath(import.meta.url), argv, impl, startUrl: options.startUrl, caPath });
  const controller = new AbortController();
  options.signal = controller.signal;
  // Live progress only for a person watching; logs and pipes get the summary alone.
  const progress = process.stderr.isTTY ? createCrawlProgress(process.stderr) : undefined;
  if (progress) options.onProgress = progress.onProgress;

  // The first Ctrl-C stops the crawl and prints what finished; a second one kills as usual.
  const onInterrupt = (): void => controller.abort();
  // SIGTERM too: a supervisor or `kill` stopping the crawl gets the same clean shutdown of the pool.
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  let result: CrawlResult;
  try {
    const onBuild = (command: string) => process.stderr.write(`crawl: building the ${impl} crawler (${command}); the first build can take minutes\n`);
    // The netns hosts and the served fixture, if asked for, around the crawl.
    result = await withCrawlEnvironment(options, serveFixture, (ready) => runAnyCrawler(set, impl, ready, onBuild));
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    progress?.clear();
  }
  const interrupted = controller.signal.aborted;
  if (!interrupted) checkReachable(result);

  if (json) process.stdout.write(`${JSON.stringify({ version: CRAWL_JSON_VERSION, ...result }, null, 2)}\n`);
  else process.stdout.write(formatCrawlSummary(result, process.resourceUsage().maxRSS * 1024, interrupted));
  return interrupted ? 130 : 0;
});

/** A crawl whose start page got no response at all is a failure to reach the site, not a result. */
function checkReachable(result: CrawlResult): void {
  const start = result.pages.find((page) => page.url === result.startUrl);
  if (start === undefined || start.status !== 0 || start.error === undefined) return;
  const reason = UNREACHABLE_REASONS[start.error];
  if (reason !== undefined) throw new UnreachableError(`cannot reach ${result.startUrl}: ${reason}`);
}
