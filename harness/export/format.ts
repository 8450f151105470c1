/**
 * Number formatting shared by every text format, so the console, Markdown and HTML tables print
 * the same figure for the same value. Always `en-US` grouping, so golden tests do not depend on
 * the machine's locale.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Shown where a value was not measured or no valid run exists. */
export const MISSING = '—';

const MIB = 1024 * 1024;

/** Three significant figures at most below 100, whole numbers as such: `3.42`, `42.1`, `20`, `1,234`. */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) || magnitude >= 100) return integer.format(value);
  if (magnitude < 10) return twoDecimals.format(value);
  if (magnitude < 100) return oneDecimal.format(value);
  return integer.format(value);
}

/** `1,234 ms`. */
export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? MISSING : `${formatNumber(ms)} ms`;
}

/** Bytes as mebibytes (1 MiB = 1,048,576 bytes), the unit of every memory figure in reports. */
export function bytesToMib(bytes: number): number {
  return bytes / MIB;
}

/** `123.4 MiB`. */
export function formatMib(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? MISSING : `${oneDecimal.format(bytesToMib(bytes))} MiB`;
}

/** `1.08×`. */
export function formatRatio(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? MISSING : `${twoDecimals.format(ratio)}×`;
}

/** Relative margin of error: `± 2.3 %`; empty when it is not a finite number. (A single run has no margin: summary-table.ts leaves it out.) */
export function formatRme(rme: number | null | undefined): string {
  return rme === null || rme === undefined || !Number.isFinite(rme) ? '' : `± ${oneDecimal.format(rme)} %`;
}

/** `1 run`, `3 runs`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
