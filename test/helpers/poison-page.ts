/** A page a `crashOnUrl` test can poison without losing any other page. */
import { expectedVisits } from '../../fixtures/ground-truth.js';
import type { FixtureServer } from '../../fixtures/server.js';

/**
 * A plain page at the greatest depth: every page it links to is also reachable another way (one
 * reachable only through it would be one level deeper), so losing it loses no other page. Its URL
 * must not be a prefix of another URL, since `crashOnUrl` matches a substring.
 */
export function poisonPage(site: FixtureServer): string {
  const urls = expectedVisits(site.truth, site.origin).map((visit) => visit.url);
  const candidate = site.truth.pages.find(
    (page) => page.status === 200 && page.error === undefined && site.truth.depthOf(page.path) === site.truth.bfsDepth && urls.filter((url) => url.includes(`${site.origin}${page.path}`)).length === 1,
  );
  if (!candidate) throw new Error('fixture has no plain page at its greatest depth');
  return `${site.origin}${candidate.path}`;
}
