/**
 * Which pages of the ground truth a report should show: the ones that are not a plain 200 page
 * with a plain path. They are the edge cases every valid run had to get exactly right, and they
 * carry the fixture's hostile-payload URL into every report, so each bench exercises its escaping.
 */
import type { NotablePage } from '../results/results.js';

/** More than this and the list stops being something a reader looks at. */
const MAX_NOTABLE = 50;

export function notablePagesOf(pages: readonly NotablePage[]): NotablePage[] {
  return pages.filter((page) => page.status !== 200 || page.error !== undefined || page.url.includes('%')).slice(0, MAX_NOTABLE);
}
