// The real crawl entry, after a child of its own has burned CPU and been reaped: the root itself
// stays nearly idle, so the CPU the harness records above the burn proves reaped children count.
import { spawnSync } from 'node:child_process';

const burnMs = Number(process.env.CRAWLBENCH_BURN_MS ?? '1000');
spawnSync(process.execPath, ['-e', `const end = process.cpuUsage().user + ${burnMs} * 1000; while (process.cpuUsage().user < end);`], { stdio: 'ignore' });
// Same argv (request.json, output.json): the entry reads process.argv.slice(2).
await import(new URL('../../dist/harness/measure/run-crawl-entry.js', import.meta.url).href);
