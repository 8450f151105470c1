/**
 * A crawler given as a command: its template is split into words the way a POSIX shell splits
 * them (quotes and backslashes honoured, by shell-quote), but no shell ever runs it, so `|`, `>`,
 * `;`, globs and `$VAR` are refused rather than half-interpreted. Placeholders are replaced inside
 * each word after splitting, so a value with spaces (a path) stays one argument.
 */
import { parse } from 'shell-quote';
import { InvalidArgumentError } from '../../common/errors.js';

/** What a template can ask for; each is documented in the README's "crawler protocol" section. */
export const PLACEHOLDERS = ['url', 'workers', 'timeoutMs', 'retries', 'maxPages', 'maxBodyBytes', 'ca', 'out'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export interface CommandTemplate {
  /** The words of the template, placeholders still in them. */
  words: string[];
  /** True when the template names `{out}`: the result is read from that file, not stdout. */
  writesOut: boolean;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Splits and checks a template; throws `InvalidArgumentError` saying what is wrong with it. */
export function parseCommandTemplate(name: string, text: string): CommandTemplate {
  // `$NAME` is kept literally (returned as text) and then refused below: no environment expansion.
  const tokens = parse(text, (key) => `$${key}`);
  const words: string[] = [];
  for (const token of tokens) {
    if (typeof token !== 'string') {
      const what = 'op' in token ? `"${token.op}"` : 'comment' in token ? 'a comment' : 'a shell construct';
      throw new InvalidArgumentError(`crawler "${name}": its command has ${what}, but no shell runs it; write a script and name it instead`);
    }
    words.push(token);
  }
  if (words.length === 0 || words[0] === '') throw new InvalidArgumentError(`crawler "${name}": the command is empty`);
  for (const word of words) {
    for (const [, key] of word.matchAll(PLACEHOLDER)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(key ?? '')) {
        throw new InvalidArgumentError(`crawler "${name}": unknown placeholder {${key}}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
      }
    }
  }
  if (!words.some((word) => word.includes('{url}'))) throw new InvalidArgumentError(`crawler "${name}": the command must pass {url} to the crawler`);
  return { words, writesOut: words.some((word) => word.includes('{out}')) };
}

/** The argv to spawn: every placeholder replaced by its value. */
export function expandCommand(template: CommandTemplate, values: TemplateValues): { file: string; args: string[] } {
  const argv = template.words.map((word) => word.replace(PLACEHOLDER, (_match, key: Placeholder) => values[key]));
  const [file = '', ...args] = argv;
  return { file, args };
}
