/**
 * One crawl by any crawler of a set, as `npm run crawl` runs it: a JS model in this process, a
 * command crawler (built first if it is native) in its own process group.
 */
import { CrawlerFailedError, InvalidArgumentError, MissingToolError } from '../common/errors.js';
import type { CrawlOptions, CrawlResult } from './contract.js';
import type { CrawlerSet } from './crawler-set.js';
import { unsupportedOptions } from './external/command-crawler.js';
import { ensureNativeBuilt } from './external/native-build.js';
import { runCommandCrawler } from './external/run-command-crawler.js';
import { loadCrawler } from './registry.js';

/**
 * @param onBuild called before a native crawler is built (it can take minutes)
 * @throws MissingToolError when a native crawler's toolchain is missing, CrawlerFailedError when
 *   its build fails or the command crawler fails
 */
export async function runAnyCrawler(set: CrawlerSet, impl: string, options: CrawlOptions, onBuild?: (command: string) => void): Promise<CrawlResult> {
  const command = set.commands.get(impl);
  if (command === undefined) return (await loadCrawler(impl))(options);
  const unsupported = unsupportedOptions(options);
  if (unsupported.length > 0)
    throw new InvalidArgumentError(
      `${unsupported.join(' and ')} ${unsupported.length === 1 ? 'is' : 'are'} not part of the crawler protocol; ${impl} cannot honour ${unsupported.length === 1 ? 'it' : 'them'}`,
    );
  if (command.spec !== undefined) {
    const spec = command.spec;
    const built = await ensureNativeBuilt(spec, () => onBuild?.(spec.build.join(' ')));
    if (built.state === 'skipped') throw new MissingToolError(`${impl}: ${built.reason}`);
    if (built.state === 'failed') throw new CrawlerFailedError(`${impl}: ${built.reason}`);
  }
  return runCommandCrawler(command, options);
}
