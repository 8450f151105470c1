/**
 * Flag values shared by the command-line entry points: util.parseArgs gives strings, and each
 * command turns them into numbers and on/off switches the same way, with the same messages.
 */
import { parseDecimal } from '../common/check-number.js';
import { InvalidArgumentError } from '../common/errors.js';
import { loadCrawlerConfig } from '../crawlers/external/command-crawler.js';

/** The number a flag was given, undefined when the flag is absent; throws on anything else. */
export function numberFlag(flag: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseDecimal(flag, text);
}

/** `on` → true, `off` → false, absent → undefined; throws on anything else. */
export function onOffFlag(flag: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'on' || text === 'off') return text === 'on';
  throw new InvalidArgumentError(`${flag} expects on or off, got ${JSON.stringify(text)}`);
}

/**
 * The user's command crawlers from repeated `--crawler NAME=COMMAND` flags and an optional
 * `--crawler-config` file, as name → command (checked in full when the crawler set is built).
 */
export function userCrawlersOf(flags: readonly string[], configFile: string | undefined): Record<string, string> {
  const crawlers: Record<string, string> = {};
  const add = (name: string, command: string): void => {
    if (Object.hasOwn(crawlers, name)) throw new InvalidArgumentError(`crawler "${name}" is declared twice`);
    crawlers[name] = command;
  };
  if (configFile !== undefined) for (const crawler of loadCrawlerConfig(configFile, [])) add(crawler.name, crawler.command);
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new InvalidArgumentError(`--crawler expects NAME=COMMAND, e.g. --crawler 'mine=python3 crawler.py {url} {workers}', got ${JSON.stringify(flag)}`);
    add(flag.slice(0, at).trim(), flag.slice(at + 1));
  }
  return crawlers;
}
