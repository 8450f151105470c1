/**
 * Flag values shared by the command-line entry points: util.parseArgs gives strings, and each
 * command turns them into numbers and on/off switches the same way, with the same messages.
 */
import { parseDecimal } from '../common/check-number.js';
import { InvalidArgumentError } from '../common/errors.js';

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
