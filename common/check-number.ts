/**
 * The one way a number is checked, for options objects and command-line flags alike, with one
 * wording: "--workers must be a whole number from 1 to 1000, got -1". Limits come from where they
 * are defined (crawl-options, fixture-options, ...) and are passed in, never retyped.
 */
import { InvalidArgumentError } from './errors.js';

export interface NumberRule {
  /** Smallest accepted value. */
  min: number;
  /** Largest accepted value. @default Number.MAX_SAFE_INTEGER (printed as "at least min") */
  max?: number;
  /** Only whole numbers. @default false */
  integer?: boolean;
}

/**
 * The longest delay Node's timers (and so undici's timeouts) accept: a larger one overflows and
 * fires after 1 ms, so any option that ends up in a timer is capped here.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** Returns `value` when it satisfies `rule`; throws `InvalidArgumentError` naming `name` otherwise. */
export function checkNumber(name: string, value: unknown, rule: NumberRule): number {
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  const ok = typeof value === 'number' && Number.isFinite(value) && (rule.integer !== true || Number.isInteger(value)) && value >= rule.min && value <= max;
  if (!ok) throw new InvalidArgumentError(`${name} must be ${describeRule(rule)}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  return value;
}

/** "a whole number from 1 to 1000", "a number of at least 0": the wording every check uses. */
export function describeRule(rule: NumberRule): string {
  const kind = rule.integer === true ? 'a whole number' : 'a number';
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  return max >= Number.MAX_SAFE_INTEGER ? `${kind} of at least ${rule.min}` : `${kind} from ${rule.min} to ${max}`;
}

/**
 * Plain decimal notation only: `10`, `-3`, `0.5`. Rejects what `Number()` would quietly accept
 * from a flag (`0x10`, `1e1`, `" 5"`, `""`), so `--workers 0x10` is a typo, not 16 workers.
 */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses a flag's text as a number (range checks come later, from the options it sets). */
export function parseDecimal(name: string, text: string): number {
  if (!DECIMAL.test(text)) throw new InvalidArgumentError(`${name} must be a number in plain decimal notation, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Parses a flag's text as a number and checks it against `rule`. */
export function parseNumber(name: string, text: string, rule: NumberRule): number {
  return checkNumber(name, parseDecimal(name, text), rule);
}
