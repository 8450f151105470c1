/**
 * Every crawler a command can name: the JS models (registry.ts), the native crawlers of the
 * catalog, and the command crawlers the user declared. `--impl` accepts any of their names.
 */
import { InvalidArgumentError } from '../common/errors.js';
import { nativeCommandCrawler, type CommandCrawler, userCrawler } from './external/command-crawler.js';
import { loadNativeCatalog } from './external/native-catalog.js';
import { crawlerNames } from './registry.js';

export interface CrawlerSet {
  /** Every name, JS models first, then the catalog's, then the user's. */
  names: string[];
  /** The JS models' names. */
  js: string[];
  /** Native and user crawlers by name. */
  commands: Map<string, CommandCrawler>;
}

/**
 * @param userCommands `NAME=COMMAND` texts, from `--crawler` flags or a config file (as recorded
 *   in a bench's config, so a resumed bench knows them too)
 */
export function crawlerSet(userCommands: Readonly<Record<string, string>> = {}): CrawlerSet {
  const js = crawlerNames();
  const commands = new Map<string, CommandCrawler>();
  for (const spec of loadNativeCatalog()) commands.set(spec.name, nativeCommandCrawler(spec));
  const reserved = [...js, ...commands.keys()];
  for (const [name, command] of Object.entries(userCommands)) commands.set(name, userCrawler(name, command, reserved));
  return { names: [...js, ...commands.keys()], js, commands };
}

/** Checks that `name` is in the set; throws `InvalidArgumentError` listing the known ones. */
export function requireCrawler(set: CrawlerSet, name: string): void {
  if (!set.names.includes(name)) throw new InvalidArgumentError(`unknown crawler "${name}"; choose one of: ${set.names.join(', ')} (or declare one with --crawler NAME=COMMAND)`);
}
