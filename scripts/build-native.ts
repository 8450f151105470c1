/**
 * `npm run build:native`: builds every native crawler of the catalog whose toolchain is present
 * (each only when its sources changed), and says in one line why any other is skipped.
 * Exit status: 0 every crawler built or skipped for a missing toolchain, 1 a build failed.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run-cli.js';
import { ensureAllBuilt } from '../crawlers/external/native-build.js';
import { loadNativeCatalog } from '../crawlers/external/native-catalog.js';

const USAGE = `usage: npm run build:native

Builds the native crawlers of crawlers/native/catalog.json whose toolchain is installed, each
only when its sources changed since its last build. Benches and crawls build them on first use
too; this command does it ahead of time (CI runs it before the tests).

Exit status: 0 built or skipped (missing toolchain), 1 a build failed.
`;

await runCli('build:native', async (argv) => {
  const { values } = parseArgs({ args: argv, strict: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const specs = loadNativeCatalog();
  const startedMs = performance.now();
  const outcomes = await ensureAllBuilt(specs, (spec) => process.stderr.write(`${spec.name}: building (${spec.build.join(' ')} in crawlers/native/${spec.dir})\n`));
  let failed = 0;
  for (const spec of specs) {
    const outcome = outcomes.get(spec.name);
    if (outcome === undefined) continue;
    if (outcome.state === 'ready') {
      process.stdout.write(`${spec.name}: ready (${spec.tool.command} ${outcome.toolVersion}${outcome.built ? ', built' : ', up to date'})\n`);
    } else {
      if (outcome.state === 'failed') failed += 1;
      process.stdout.write(`${spec.name}: ${outcome.state}, ${outcome.reason}\n`);
    }
  }
  process.stdout.write(`build:native: done in ${((performance.now() - startedMs) / 1000).toFixed(1)} s\n`);
  return failed > 0 ? 1 : 0;
});
