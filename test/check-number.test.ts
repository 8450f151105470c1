/**
 * common/check-number.ts: the one number check every option and flag goes through, with one
 * wording, and the strict decimal parse that keeps `--workers 0x10` from meaning 16 workers.
 */
import { describe, expect, it } from 'vitest';
import { checkNumber, describeRule, MAX_TIMER_MS, parseDecimal, parseNumber } from '../common/check-number.js';
import { InvalidArgumentError } from '../common/errors.js';

/** The error `call` throws, checked to be an InvalidArgumentError (exit 2) on one line. */
function refusal(call: () => unknown): InvalidArgumentError {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidArgumentError);
  const error = thrown as InvalidArgumentError;
  expect(error.code).toBe('CB_INVALID_ARGUMENT');
  expect(error.exitCode).toBe(2);
  expect(error.message).not.toContain('\n');
  return error;
}

describe('parseDecimal (flag text to a number)', () => {
  it.each([
    ['10', 10],
    ['-3', -3],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['5.', 5],
    ['0', 0],
    ['007', 7],
    ['2147483648', 2_147_483_648],
  ])('reads plain decimal %j as %d', (text, value) => {
    expect(parseDecimal('--n', text)).toBe(value);
  });

  it.each([
    ['0x10', 'hex, which Number() reads as 16'],
    ['1e1', 'exponent notation'],
    [' 5', 'leading space'],
    ['5 ', 'trailing space'],
    ['', 'the empty string, which Number() reads as 0'],
    ['0b11', 'binary'],
    ['0o7', 'octal'],
    ['+5', 'a plus sign'],
    ['1_000', 'a numeric separator'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['ten', 'a word'],
    ['-', 'a lone minus'],
    ['.', 'a lone point'],
    ['1,5', 'a decimal comma'],
  ])('refuses %j (%s) naming the flag and quoting the text', (text) => {
    expect(refusal(() => parseDecimal('--workers', text)).message).toBe(`--workers must be a number in plain decimal notation, got ${JSON.stringify(text)}`);
  });

  it('gives the message the CLI prints for --workers 0x10', () => {
    expect(refusal(() => parseDecimal('--workers', '0x10')).message).toBe('--workers must be a number in plain decimal notation, got "0x10"');
  });
});

describe('checkNumber (range and integer rules)', () => {
  const workers = { min: 1, max: 1000, integer: true };

  it('returns the value when it satisfies the rule, bounds included', () => {
    expect(checkNumber('workers', 1, workers)).toBe(1);
    expect(checkNumber('workers', 1000, workers)).toBe(1000);
    expect(checkNumber('ratio', 0.25, { min: 0, max: 1 })).toBe(0.25);
    expect(checkNumber('pages', Number.MAX_SAFE_INTEGER, { min: 1, integer: true })).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [0, 'below min'],
    [1001, 'above max'],
    [1.5, 'not whole'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'infinite'],
  ])('refuses %d (%s) with the one wording', (value) => {
    expect(refusal(() => checkNumber('workers', value, workers)).message).toBe(`workers must be a whole number from 1 to 1000, got ${String(value)}`);
  });

  it('accepts fractions when the rule is not integer, and still checks the range', () => {
    expect(checkNumber('latency', 2.5, { min: 0, max: 10 })).toBe(2.5);
    expect(refusal(() => checkNumber('latency', -0.5, { min: 0, max: 10 })).message).toBe('latency must be a number from 0 to 10, got -0.5');
  });

  it('says "at least MIN" when there is no maximum', () => {
    expect(refusal(() => checkNumber('maxPages', 0, { min: 1, integer: true })).message).toBe('maxPages must be a whole number of at least 1, got 0');
    expect(refusal(() => checkNumber('sample', -1, { min: 0 })).message).toBe('sample must be a number of at least 0, got -1');
    expect(refusal(() => checkNumber('pages', Number.MAX_SAFE_INTEGER + 2, { min: 1, integer: true })).message).toMatch(/^pages must be a whole number of at least 1, got /);
  });

  it('refuses what is not a number at all, quoting a string', () => {
    expect(refusal(() => checkNumber('workers', '10', workers)).message).toBe('workers must be a whole number from 1 to 1000, got "10"');
    expect(refusal(() => checkNumber('workers', undefined, workers)).message).toBe('workers must be a whole number from 1 to 1000, got undefined');
    expect(refusal(() => checkNumber('workers', null, workers)).message).toBe('workers must be a whole number from 1 to 1000, got null');
  });
});

describe('describeRule (the one wording)', () => {
  it.each([
    [{ min: 1, max: 1000, integer: true }, 'a whole number from 1 to 1000'],
    [{ min: 0, max: 1 }, 'a number from 0 to 1'],
    [{ min: 1, integer: true }, 'a whole number of at least 1'],
    [{ min: 0 }, 'a number of at least 0'],
    [{ min: 5, max: Number.MAX_SAFE_INTEGER }, 'a number of at least 5'],
  ])('describes %j as %j', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });
});

describe('parseNumber (flag text, then the rule)', () => {
  it('parses and checks in one step', () => {
    expect(parseNumber('--runs', '5', { min: 1, max: 1000, integer: true })).toBe(5);
  });

  it('refuses non-decimal text before the range, and an out-of-range value after it', () => {
    expect(refusal(() => parseNumber('--runs', '1e1', { min: 1, max: 1000, integer: true })).message).toBe('--runs must be a number in plain decimal notation, got "1e1"');
    expect(refusal(() => parseNumber('--runs', '1.5', { min: 1, max: 1000, integer: true })).message).toBe('--runs must be a whole number from 1 to 1000, got 1.5');
  });
});

describe('MAX_TIMER_MS', () => {
  it("is Node's timer limit, 2^31 - 1 ms", () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    expect(MAX_TIMER_MS).toBe(2_147_483_647);
  });

  it('is the longest delay Node schedules as asked: one more overflows to 1 ms, with a warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const atLimit = setTimeout(() => {}, MAX_TIMER_MS);
      clearTimeout(atLimit);
      const fired = await new Promise<boolean>((resolve) => {
        const past = setTimeout(() => resolve(true), MAX_TIMER_MS + 1);
        setTimeout(() => {
          clearTimeout(past);
          resolve(false);
        }, 200);
      });
      expect(fired).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('bounds a whole-millisecond timer rule: the limit is accepted, one more is refused', () => {
    const rule = { min: 1, max: MAX_TIMER_MS, integer: true };
    expect(checkNumber('timeoutMs', MAX_TIMER_MS, rule)).toBe(MAX_TIMER_MS);
    expect(refusal(() => checkNumber('timeoutMs', MAX_TIMER_MS + 1, rule)).message).toBe('timeoutMs must be a whole number from 1 to 2147483647, got 2147483648');
  });
});
