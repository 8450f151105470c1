/**
 * `npm run crawl -- <url> [options]`: crawl one site with one implementation and print a summary,
 * or the `CrawlResult` as JSON. Parses and validates flags, runs the crawler, maps failures to
 * exit codes (via runCli): 2 bad input, 1 unreachable start URL, 130 interrupted.
 */
import { readInputFile } from '../common/read-input-file.js';
import { parseArgs } from 'node:util';
import type { CrawlResult, ErrorKind } from '../crawlers/contract.js';
import { CRAWL_DEFAULTS, resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { BadInputFileError, InvalidArgumentError, UnreachableError } from '../common/errors.js';
import { crawlerNames, getCrawler } from '../crawlers/registry.js';
import { formatCrawlSummary } from '../cli/format-crawl-summary.js';
import { numberFlag, onOffFlag } from '../cli/flag-values.js';
import { createCrawlProgress } from '../cli/crawl-progress.js';
import { runCli } from '../cli/run-cli.js';

const USAGE = `usage: npm run crawl -- <url> [options]

Crawls every page of <url>'s origin and prints a summary.

  --impl NAME          crawler implementation: ${crawlerNames().join(', ')} (default promise-pool)
  --workers N          most pages in flight at once (default ${CRAWL_DEFAULTS.workers})
  --json               print the CrawlResult as JSON on stdout, nothing else
  --timeout MS         per-request timeout in milliseconds (default ${CRAWL_DEFAULTS.timeoutMs})
  --retries N          extra attempts after a network error, 5xx or 429 (default ${CRAWL_DEFAULTS.retries})
  --max-pages N        stop after this many URLs (default ${CRAWL_DEFAULTS.maxPages})
  --keep-alive on|off  reuse connections (default ${CRAWL_DEFAULTS.keepAlive ? 'on' : 'off'})
  --ca FILE            trust this PEM certificate authority (e.g. fixtures/tls/ca.pem)
  --insecure           accept any TLS certificate
  --chaos-ms N         kill a random busy worker every N ms (thread/process crawlers; default ${CRAWL_DEFAULTS.chaosMs})
  -h, --help           show this help

Exit status: 0 done, 1 start URL unreachable, 2 bad input, 130 interrupted (Ctrl-C).
`;

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
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'impl': { type: 'string', default: 'promise-pool' },
      'workers': { type: 'string' },
      'json': { type: 'boolean', default: false },
      'timeout': { type: 'string' },
      'retries': { type: 'string' },
      'max-pages': { type: 'string' },
      'keep-alive': { type: 'string' },
      'ca': { type: 'string' },
      'insecure': { type: 'boolean', default: false },
      'chaos-ms': { type: 'string' },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [startUrl, ...extra] = positionals;
  if (startUrl === undefined || extra.length > 0) {
    throw new InvalidArgumentError(`give exactly one start URL, e.g. npm run crawl -- http://127.0.0.1:8080/ (got ${positionals.length}; see --help)`);
  }
  if (values.insecure && values.ca !== undefined) throw new InvalidArgumentError('--ca and --insecure exclude each other; pick one');
  const crawler = getCrawler(values.impl);
  const controller = new AbortController();
  const options = resolveCrawlOptions({
    startUrl,
    workers: numberFlag('--workers', values.workers),
    timeoutMs: numberFlag('--timeout', values.timeout),
    retries: numberFlag('--retries', values.retries),
    maxPages: numberFlag('--max-pages', values['max-pages']),
    keepAlive: onOffFlag('--keep-alive', values['keep-alive']),
    chaosMs: numberFlag('--chaos-ms', values['chaos-ms']),
    insecure: values.insecure,
    ca: values.ca === undefined ? undefined : await readCa(values.ca),
    signal: controller.signal,
  });
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
    result = await crawler(options);
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    progress?.clear();
  }
  const interrupted = controller.signal.aborted;
  if (!interrupted) checkReachable(result);

  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
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


async function readCa(file: string): Promise<string> {
  const text = await readInputFile(file, 'the CA file', 'give the path of a PEM certificate such as fixtures/tls/ca.pem');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new BadInputFileError(`the CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return text;
}
