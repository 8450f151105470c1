/**
 * `npm run bench:fixture -- [--pages N] [--duration MS] [--connections N] [--json]`: starts the
 * fixture server in a child process (as the crawl benchmark does), loads it with an undici pool
 * at latency 0, with keep-alive on and then off, and prints pages/s, MB/s and p50/p99 latency.
 * The point is to show the fixture is not the bottleneck of a crawl.
 */
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../crawlers/errors.js';
import type { GroundTruthJson } from '../fixtures/ground-truth.js';
import { runLoad, type LoadResult } from '../fixtures/load-generator.js';
import { spawnServeScript } from '../fixtures/serve-process.js';
import { runCli } from './run-cli.js';

const USAGE = `usage: npm run bench:fixture -- [options]

Measures how fast the fixture server answers (latency 0), keep-alive on and off.

  --pages N         fixture size (default 1000)
  --duration MS     measured time per mode, after a 500 ms warm-up (default 3000)
  --connections N   concurrent connections (default 10)
  --json            print the results as JSON
  -h, --help        show this help
`;

await runCli('bench:fixture', async (argv) => {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      pages: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '3000' },
      connections: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const durationMs = integerFlag('--duration', values.duration, 100, 600_000);
  const connections = integerFlag('--connections', values.connections, 1, 1000);
  const pages = String(integerFlag('--pages', values.pages, 30, 1_000_000));

  const results: Array<{ keepAlive: boolean } & LoadResult> = [];
  for (const keepAlive of [true, false]) {
    const server = await spawnServeScript(['--pages', pages, '--keep-alive', keepAlive ? 'on' : 'off']);
    try {
      const paths = await htmlPaths(server.ready.truthUrl);
      const result = await runLoad({ origin: server.ready.origin, paths, connections, durationMs });
      results.push({ keepAlive, ...result });
    } finally {
      await server.stop();
    }
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ pages: Number(pages), connections, durationMs, results }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`fixture: ${pages} pages, latency 0, ${connections} connections, ${durationMs} ms per mode (server in a child process)\n\n`);
  process.stdout.write('keep-alive   requests   pages/s      MB/s   p50 ms   p99 ms   errors   connections\n');
  for (const r of results) {
    process.stdout.write(
      `${(r.keepAlive ? 'on' : 'off').padEnd(10)}${String(r.requests).padStart(11)}${r.pagesPerSec.toFixed(0).padStart(10)}` +
        `${(r.bytesPerSec / 1e6).toFixed(1).padStart(10)}${r.p50Ms.toFixed(2).padStart(9)}${r.p99Ms.toFixed(2).padStart(9)}` +
        `${String(r.errors).padStart(9)}${String(r.connectionsOpened).padStart(14)}\n`,
    );
  }
  return results.some((r) => r.errors > 0) ? 1 : 0;
});

/** The 200 pages of the truth (documentation and edge-case HTML, plus the PDF). */
async function htmlPaths(truthUrl: string): Promise<string[]> {
  const response = await fetch(truthUrl);
  const truth = (await response.json()) as GroundTruthJson;
  return truth.pages.filter((page) => page.status === 200).map((page) => page.path);
}

function integerFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${flag} expects an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}
