/**
 * `npm run bench:sampler -- [--pids 1,51] [--seconds 10] [--sample-ms 25]`: what the process-tree
 * sampler costs. For each tree size it starts that many idle processes (a root and its children),
 * samples them as a bench would, RSS only and with PSS, and prints the sampler's CPU as a
 * percentage of one core, beside an idle loop of the same timer for reference.
 */
import { parseNumber } from '../../common/check-number.js';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createTreeSampler, type TreeSamplerOptions } from '../../harness/measure/tree-sampler.js';
import { runCli } from '../../cli/run-cli.js';

const USAGE = `usage: npm run bench:sampler -- [--pids 1,51] [--seconds 10] [--sample-ms 25]

Measures the CPU the bench's process-tree sampler takes, as % of one core, for trees of the given
sizes (1 = a promise-pool crawl, 51 = a crawl with 50 child processes).`;

await runCli('bench:sampler', async (argv) => {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      pids: { type: 'string', default: '1,51' },
      seconds: { type: 'string', default: '10' },
      'sample-ms': { type: 'string', default: '25' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sizes = values.pids.split(',').map((text) => parseNumber('--pids', text, { min: 1, max: 500, integer: true }));
  const durationMs = parseNumber('--seconds', values.seconds, { min: 0.1, max: 600 }) * 1000;
  const intervalMs = parseNumber('--sample-ms', values['sample-ms'], { min: 1, max: 10_000 });

  const idle = await cpuPercent(durationMs, async () => undefined, intervalMs);
  process.stdout.write(`idle ${intervalMs} ms timer loop: ${idle.toFixed(2)} % of one core\n`);
  process.stdout.write('pids  PSS       sampler CPU (% of one core)  minus idle loop\n');
  for (const size of sizes) {
    const tree = startIdleTree(size);
    try {
      await sleep(1000); // let every process come up before measuring
      for (const [label, options] of [
        ['off', { pssIntervalMs: Number.POSITIVE_INFINITY }],
        ['on', {}],
      ] as const) {
        const sampler = createTreeSampler(options as Partial<TreeSamplerOptions>);
        let seen = 0;
        const percent = await cpuPercent(
          durationMs,
          async () => {
            seen = Math.max(seen, (await sampler.sample(tree.pid)).pids.length);
          },
          intervalMs,
        );
        sampler.close();
        process.stdout.write(`${String(seen).padStart(4)}  ${label.padEnd(8)}  ${percent.toFixed(2).padStart(27)}  ${(percent - idle).toFixed(2).padStart(15)}\n`);
      }
    } finally {
      tree.stop();
    }
  }
  return 0;
});

/** CPU of this process while `tick` runs every `intervalMs` for `durationMs`, as % of one core. */
async function cpuPercent(durationMs: number, tick: () => Promise<void>, intervalMs: number): Promise<number> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    const tickStart = performance.now();
    await tick();
    await sleep(Math.max(0, intervalMs - (performance.now() - tickStart)));
  }
  const used = process.cpuUsage(cpuStart);
  return ((used.user + used.system) / 1000 / (performance.now() - start)) * 100;
}

/** A root process with `size - 1` idle children, in its own process group so one kill ends it. */
function startIdleTree(size: number): { pid: number; stop(): void } {
  const script = `for (let i = 1; i < ${size}; i++) require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); setInterval(() => {}, 1e6);`;
  const root = spawn(process.execPath, ['-e', script], { stdio: 'ignore', detached: true });
  const pid = root.pid ?? -1;
  return {
    pid,
    stop() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
