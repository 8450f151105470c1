/**
 * Machine-readable comparison: the `Comparison` object as it is, plus a version for readers.
 *
 * NOTE: field names here are those of `Comparison` in compare-results.ts; renaming one there
 * changes this output, so bump COMPARISON_SCHEMA_VERSION with it.
 */
import type { Comparison } from './compare-results.js';

export const COMPARISON_SCHEMA_VERSION = 1;

export function formatComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify({ comparisonSchemaVersion: COMPARISON_SCHEMA_VERSION, ...comparison }, null, 2)}\n`;
}
