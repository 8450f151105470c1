/**
 * A crawler that is a command rather than a function: the shipped native crawlers (catalog) and
 * any a user declares with `--crawler NAME=COMMAND` or in a crawler config file. The harness runs
 * it directly (never through node), so its memory and start-up are its own.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { BadInputFileError, InvalidArgumentError } from '../../common/errors.js';
import type { CrawlOptions } from '../contract.js';
import { expandCommand, parseCommandTemplate, type CommandTemplate, type TemplateValues } from './command-template.js';
import { nativeRoot, type NativeCrawlerSpec } from './native-catalog.js';

export interface CommandCrawler {
  name: string;
  /** `native`: shipped in crawlers/native/ and built by crawlbench; `user`: declared by the user. */
  origin: 'native' | 'user';
  /** The template as written. */
  command: string;
  template: CommandTemplate;
  /** Working directory of the command: the native crawler's folder, or where crawlbench was started. */
  cwd: string;
  /** The catalog entry of a native crawler. */
  spec?: NativeCrawlerSpec;
}

/** Names a user crawler may not take: they would shadow the JS models. */
const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export function nativeCommandCrawler(spec: NativeCrawlerSpec, root: string = nativeRoot()): CommandCrawler {
  const cwd = join(root, spec.dir);
  const template = parseCommandTemplate(spec.name, spec.command);
  const [first = '', ...rest] = template.words;
  // The binary is named relative to the crawler's folder, so the catalog needs no absolute paths.
  const binary = isAbsolute(first) || !first.includes('/') ? first : join(cwd, first);
  return { name: spec.name, origin: 'native', command: spec.command, template: { ...template, words: [binary, ...rest] }, cwd, spec };
}

/**
 * A crawler config file: `{"version": 1, "crawlers": {"NAME": "COMMAND", ...}}`, commands run
 * from the directory crawlbench was started in.
 */
export function loadCrawlerConfig(file: string, reserved: readonly string[]): CommandCrawler[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BadInputFileError(`cannot read the crawler config ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const config = doc as { version?: unknown; crawlers?: unknown };
  if (config.version !== 1 || typeof config.crawlers !== 'object' || config.crawlers === null) {
    throw new BadInputFileError(`${file} is not a crawler config: expected {"version": 1, "crawlers": {"NAME": "COMMAND"}}`);
  }
  return Object.entries(config.crawlers).map(([name, command]) => {
    if (typeof command !== 'string') throw new BadInputFileError(`${file}: the command of crawler "${name}" is not a string`);
    return userCrawler(name, command, reserved);
  });
}

/** The user's crawler `name` running `command`; its name must not shadow one in `reserved`. */
export function userCrawler(name: string, command: string, reserved: readonly string[]): CommandCrawler {
  if (!NAME.test(name)) throw new InvalidArgumentError(`crawler name ${JSON.stringify(name)} must be lower-case letters, digits, ".", "_" or "-", at most 40`);
  if (reserved.includes(name)) throw new InvalidArgumentError(`crawler name "${name}" is taken by a built-in crawler; choose another`);
  return { name, origin: 'user', command, template: parseCommandTemplate(name, command), cwd: process.cwd() };
}

/** The argv for one crawl with `options`; `caPath` is '' when the crawl trusts no extra CA. */
export function commandFor(
  crawler: CommandCrawler,
  options: Pick<CrawlOptions, 'startUrl' | 'workers' | 'timeoutMs' | 'retries' | 'maxPages' | 'maxBodyBytes'>,
  caPath: string,
  outPath: string,
): { file: string; args: string[] } {
  const values: TemplateValues = {
    url: options.startUrl,
    workers: String(options.workers),
    timeoutMs: String(options.timeoutMs),
    retries: String(options.retries),
    maxPages: String(options.maxPages),
    maxBodyBytes: String(options.maxBodyBytes),
    ca: caPath,
    out: outPath,
  };
  return expandCommand(crawler.template, values);
}

/** The options a command crawler cannot honour (they are not in the protocol), for a clear refusal. */
export function unsupportedOptions(options: Pick<CrawlOptions, 'chaosMs' | 'insecure'>): string[] {
  const unsupported: string[] = [];
  if (options.chaosMs > 0) unsupported.push('--chaos-ms');
  if (options.insecure) unsupported.push('--insecure');
  return unsupported;
}

/** How to start one crawl of a command crawler, and where its result will be. */
export interface CommandLaunch {
  file: string;
  args: string[];
  cwd: string;
  /** The file the crawler's stdout goes to when stdout carries the result; null: stdout is ignored (chatter). */
  stdoutPath: string | null;
  /** The file to read the result document from: `{out}`, or `stdoutPath`. */
  resultPath: string;
}

/** @param dir an empty temporary directory of this run, for `{out}` and the captured stdout */
export function prepareLaunch(crawler: CommandCrawler, options: Parameters<typeof commandFor>[1], caPath: string, dir: string): CommandLaunch {
  const outPath = join(dir, 'crawl-result.json');
  const stdoutPath = crawler.template.writesOut ? null : join(dir, 'stdout.json');
  const { file, args } = commandFor(crawler, options, caPath, outPath);
  return { file, args, cwd: crawler.cwd, stdoutPath, resultPath: stdoutPath ?? outPath };
}
