/**
 * `npm run serve -- [options]`: serve the fixture site on 127.0.0.1 until SIGINT/SIGTERM.
 * When ready, prints ONE JSON line on stdout (`url`, `origin`, `pages`, `bfsDepth`, the options,
 * `truthUrl`, and `caPath` with --tls) so a parent process can read where it listens.
 * Exit status: 0 stopped by a signal, 2 bad flag, 1 … see run-cli.ts.
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../common/errors.js';
import { TRUTH_PATH } from '../fixtures/fixture-handler.js';
import { FIXTURE_DEFAULTS, MAX_FIXTURE_PAGES, MIN_FIXTURE_PAGES } from '../fixtures/fixture-options.js';
import { FIXTURE_CA_PATH, startFixtureServer } from '../fixtures/server.js';
import { numberFlag, onOffFlag } from '../cli/flag-values.js';
import type { ServeReadyLine } from '../fixtures/serve-process.js';
import { runCli } from '../cli/run-cli.js';

const D = FIXTURE_DEFAULTS;
const USAGE = `usage: npm run serve -- [options]

Serves the deterministic fixture documentation site on 127.0.0.1 and prints one JSON line
({"url": ..., "pages": ..., "bfsDepth": ...}) when ready. Stop it with Ctrl-C or SIGTERM.

  --pages N            distinct URLs a full crawl visits, ${MIN_FIXTURE_PAGES}–${MAX_FIXTURE_PAGES} (default ${D.pages})
  --seed N             generator seed (default ${D.seed})
  --latency MS         time to first byte of every response (default ${D.latencyMs})
  --jitter MS          uniform ± extra delay on top of --latency (default ${D.jitterMs})
  --keep-alive on|off  keep connections open between requests (default on)
  --tls                serve HTTPS; trust fixtures/tls/ca.pem
  --gzip               gzip HTML when the client accepts it
  --connect-latency MS extra delay on the first request of each connection (default ${D.connectLatencyMs})
  --faults             add the never-answering, resetting, 11 MiB and trickling pages
  --port N             port to listen on; 0 picks a free one (default ${D.port})
  --exit-with-parent   stop when stdin closes (a parent that pipes stdin and dies stops it)
  -h, --help           show this help

Exit status: 0 stopped by SIGINT/SIGTERM, 2 bad flag.
`;

await runCli('serve', async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      pages: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'keep-alive': { type: 'string' },
      tls: { type: 'boolean', default: false },
      gzip: { type: 'boolean', default: false },
      'connect-latency': { type: 'string' },
      faults: { type: 'boolean', default: false },
      port: { type: 'string' },
      'exit-with-parent': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new InvalidArgumentError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);

  const server = await startFixtureServer({
    pages: numberFlag('--pages', values.pages),
    seed: numberFlag('--seed', values.seed),
    latencyMs: numberFlag('--latency', values.latency),
    jitterMs: numberFlag('--jitter', values.jitter),
    keepAlive: onOffFlag('--keep-alive', values['keep-alive']),
    tls: values.tls,
    gzip: values.gzip,
    connectLatencyMs: numberFlag('--connect-latency', values['connect-latency']),
    faults: values.faults,
    port: numberFlag('--port', values.port),
  });
  const { options, truth } = server;
  const ready = {
    url: server.startUrl,
    origin: server.origin,
    pages: truth.pageCount,
    bfsDepth: truth.bfsDepth,
    seed: options.seed,
    latencyMs: options.latencyMs,
    jitterMs: options.jitterMs,
    keepAlive: options.keepAlive,
    tls: options.tls,
    gzip: options.gzip,
    connectLatencyMs: options.connectLatencyMs,
    faults: options.faults,
    port: options.port,
    truthUrl: server.origin + TRUTH_PATH,
    ...(options.tls ? { caPath: FIXTURE_CA_PATH } : {}),
    pid: process.pid,
  } satisfies ServeReadyLine;
  // Serving until told to stop is this command's job, so a signal is a clean exit (0), not an
  // interruption. Listen before printing the ready line: a parent may signal as soon as it reads it.
  const stop = new AbortController();
  const stops: Array<Promise<string>> = (['SIGINT', 'SIGTERM'] as const).map((name) => once(process, name, { signal: stop.signal }).then(() => name));
  if (values['exit-with-parent']) {
    // The parent holds the write end of our stdin: when it dies, however it dies (kill -9
    // included), the pipe closes and the fixture stops instead of serving on as an orphan.
    process.stdin.resume();
    stops.push(once(process.stdin, 'end', { signal: stop.signal }).then(() => 'the end of stdin (its parent exited)'));
  }
  const stopped = Promise.race(stops);
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const signal = await stopped;
  stop.abort();
  // A resumed stdin would keep the process alive after the server has closed.
  process.stdin.destroy();
  await server.close();
  process.stderr.write(`serve: stopped on ${signal}\n`);
  return 0;
});
