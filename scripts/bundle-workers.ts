/**
 * `npm run build`'s last step (after tsc): bundles each thread and process worker entry into one
 * file (crawlers/supervised/worker-bundle.ts says why). Exit status: 0 built, 70 esbuild failed
 * (its errors are printed above).
 */
import { runCli } from '../cli/run-cli.js';
import { projectRoot } from '../common/project-root.js';
import { bundleWorkers } from '../crawlers/supervised/bundle-workers.js';

await runCli('bundle-workers', async () => {
  await bundleWorkers(projectRoot());
  return 0;
});
