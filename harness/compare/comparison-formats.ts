/**
 * The output formats of `npm run compare`, behind one small interface: a comparison in, a string out.
 */
import type { Comparison } from './compare-results.js';
import { formatComparisonJson } from './format-json.js';
import { formatComparisonMarkdown } from './format-markdown.js';
import { formatComparisonText } from './format-text.js';

export type ComparisonFormatter = (comparison: Comparison) => string;

export type ComparisonFormatName = 'text' | 'md' | 'json';

export const COMPARISON_FORMATS: Readonly<Record<ComparisonFormatName, ComparisonFormatter>> = {
  text: formatComparisonText,
  md: formatComparisonMarkdown,
  json: formatComparisonJson,
};
