/**
 * `npm run bench:fixture -- [--pages N] [--duration MS] [--connections N] [--json]`: starts the
 * fixture server in a child process (as the crawl benchmark does), loads it with an undici pool
 * at latency 0, keep-alive on and then off, and prints pages/s, MiB/s, p50/p99 latency and the
 * server's CPU time per request. A bare node:http server answering one static buffer of the same
 * size is measured the same way, as the floor: the point is to show the fixture is not the
 * bottleneck of a crawl, even on a machine shared with other work.
 */
import { parseNumber } from '../../common/check-number.js';
import { bytesToMib } from '../../harness/export/format.js';
import { FIXTURE_LIMITS } from '../../fixtures/fixture-options.js';
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pidusage from 'pidusage';
import type { GroundTruthJson } from '../../fixtures/ground-truth.js';
import { runLoad, type LoadResult } from '../../fixtures/load-generator.js';
import { spawnServeScript } from '../../fixtures/serve-process.js';
import { runCli } from '../../cli/run-cli.js';

const USAGE = `usage: npm run bench:fixture -- [options]

Measures how fast the fixture server answers (latency 0), keep-alive on and off, next to a bare
node:http server sending one static buffer (the floor).

  --pages N         fixture size (default 1000)
  --duration MS     measured time per row, after a 500 ms warm-up (default 3000)
  --connections N   concurrent connections (default 10)
  --json            print the results as JSON
  -h, --help        show this help
`;

/** A server under test, running in its own process. */
interface Target {
  origin: string;
  pid: number;
  paths: string[];
  stop(): Promise<unknown>;
}

interface Row extends LoadResult {
  name: string;
  /** Server CPU time (user + system) over every request sent; robust to a busy machine, unlike pages/s. */
  serverCpuUsPerRequest: number;
  serverRssBytes: number;
}

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
  const durationMs = parseNumber('--duration', values.duration, { min: 100, max: 600_000, integer: true });
  const connections = parseNumber('--connections', values.connections, { min: 1, max: 1000, integer: true });
  const pages = parseNumber('--pages', values.pages, FIXTURE_LIMITS.pages);

  const rows: Row[] = [];
  const measure = async (name: string, start: () => Promise<Target>): Promise<Row> => {
    const target = await start();
    try {
      const before = await pidusage(target.pid);
      const result = await runLoad({ origin: target.origin, paths: target.paths, connections, durationMs });
      const after = await pidusage(target.pid);
      const serverCpuUsPerRequest = ((after.ctime - before.ctime) * 1000) / Math.max(1, result.allRequests);
      const row = { name, serverCpuUsPerRequest, serverRssBytes: after.memory, ...result };
      rows.push(row);
      return row;
    } finally {
      await target.stop();
    }
  };
  try {
    const keptAlive = await measure('fixture, keep-alive on', () => startFixture(pages, true));
    await measure('fixture, keep-alive off', () => startFixture(pages, false));
    const averageBytes = Math.round(keptAlive.bytes / Math.max(1, keptAlive.requests));
    await measure(`node:http floor (${averageBytes} B buffer)`, () => startFloor(averageBytes));
  } finally {
    pidusage.clear();
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ pages, connections, durationMs, loadAverage: loadavg(), rows }, null, 2)}\n`);
    return rows.some((row) => row.errors > 0) ? 1 : 0;
  }
  process.stdout.write(`fixture: ${pages} pages, latency 0, ${connections} connections, ${durationMs} ms per row (servers in child processes)\n\n`);
  process.stdout.write(`${'server'.padEnd(36)}requests  pages/s    MiB/s  p50 ms  p99 ms  errors  conns  CPU µs/req RSS MiB\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(36)}${String(r.requests).padStart(8)}${r.pagesPerSec.toFixed(0).padStart(9)}` +
        `${bytesToMib(r.bytesPerSec).toFixed(1).padStart(8)}${r.p50Ms.toFixed(2).padStart(8)}${r.p99Ms.toFixed(2).padStart(8)}` +
        `${String(r.errors).padStart(8)}${String(r.connectionsOpened).padStart(7)}${r.serverCpuUsPerRequest.toFixed(0).padStart(12)}` +
        `${bytesToMib(r.serverRssBytes).toFixed(0).padStart(8)}\n`,
    );
  }
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  process.stdout.write(`\nload average ${load} on ${availableParallelism()} cores: pages/s falls when other work shares the machine; CPU µs/req moves much less.\n`);
  return rows.some((row) => row.errors > 0) ? 1 : 0;
});

async function startFixture(pages: number, keepAlive: boolean): Promise<Target> {
  const server = await spawnServeScript(['--pages', String(pages), '--keep-alive', keepAlive ? 'on' : 'off']);
  try {
    const response = await fetch(server.ready.truthUrl);
    const truth = (await response.json()) as GroundTruthJson;
    // The 200 pages: documentation and edge-case HTML, plus the PDF.
    const paths = truth.pages.filter((page) => page.status === 200).map((page) => page.path);
    return { origin: server.ready.origin, pid: server.ready.pid, paths, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The floor: node:http answering every request with one preallocated buffer, in a child process. */
async function startFloor(bodyBytes: number): Promise<Target> {
  const source = `
    const body = Buffer.alloc(${bodyBytes}, 'a');
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    server.keepAliveTimeout = 10000;
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));
    process.on('SIGTERM', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async (): Promise<unknown> => {
    child.kill('SIGTERM');
    return exited;
  };
  const { stdout, pid } = child;
  if (stdout === null || pid === undefined) {
    await stop();
    throw new Error('could not start the node:http floor server');
  }
  const line = await new Promise<string>((resolve) => createInterface({ input: stdout }).once('line', resolve));
  return { origin: `http://127.0.0.1:${line.trim()}`, pid, paths: ['/'], stop };
}
