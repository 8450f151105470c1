/**
 * `npm run runtimes`: installs the pinned JavaScript runtimes (Node majors, Bun, Deno) into
 * runtimes/ from the npm registry, when the lockfile changed, and prints what each one is.
 * Exit status: 0 installed or up to date, 2 an unsupported platform or a failing npm.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run-cli.js';
import { installRuntimes } from '../crawlers/runtime/install-runtimes.js';
import { probeRuntime } from '../crawlers/runtime/probe-runtime.js';

const USAGE = `usage: npm run runtimes

Installs the runtimes pinned in runtimes/package-lock.json (Node 22, 24 and the newest major,
Bun and Deno, Linux x64 builds from the npm registry) into runtimes/node_modules, with npm ci
and no install scripts, only when the lockfile changed since the last install. Then
\`npm run bench -- --runtime node,node22,bun,deno\` and \`npm run crawl -- URL --runtime bun\`
can use them. Nothing else installs them: \`npm ci && npm run bench\` runs on the system Node.

Exit status: 0 installed or up to date, 2 unsupported platform or npm failed.
`;

await runCli('runtimes', async (argv) => {
  const { values } = parseArgs({ args: argv, strict: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const outcome = await installRuntimes((line) => process.stderr.write(`${line}\n`));
  for (const runtime of outcome.runtimes) {
    const info = await probeRuntime(runtime);
    process.stdout.write(`${info.name.padEnd(7)} ${info.version.padEnd(9)} ${info.engine} ${info.engineVersion.slice(0, 16).padEnd(17)} ${info.executable}\n`);
  }
  process.stdout.write(`runtimes: ${outcome.installed ? 'installed' : 'up to date'}\n`);
  return 0;
});
