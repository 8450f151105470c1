import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../common/errors.js';
import { resolveFixtureOptions } from '../fixtures/fixture-options.js';
import { expectedVisits, groundTruth } from '../fixtures/ground-truth.js';
import { SPECIAL_PATHS, TRAP_PATHS, XSS_PAYLOAD } from '../fixtures/special-pages.js';

describe('fixture ground truth', () => {
  it('is the same for the same seed and differs for another seed', () => {
    const a = groundTruth({ seed: 7, pages: 500 });
    const b = groundTruth({ seed: 7, pages: 500 });
    const c = groundTruth({ seed: 8, pages: 500 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.pages.map((p) => p.path)).not.toEqual(a.pages.map((p) => p.path));
    // The link graph differs too, not only the slugs: compare the shapes of the adjacency.
    const shape = (truth: typeof a) => truth.pages.map((p) => truth.linksOf(p.path).length).join(',');
    expect(shape(c)).not.toBe(shape(a));
  });

  it.each([
    [127, false],
    [127, true],
    [5_000, false],
    [100_000, true],
  ])('has exactly %i distinct pages (faults %s) and a modest BFS depth', (pages, faults) => {
    const truth = groundTruth({ pages, faults });
    expect(truth.pageCount).toBe(pages);
    expect(truth.pages).toHaveLength(pages);
    expect(new Set(truth.pages.map((p) => p.path)).size).toBe(pages);
    expect(truth.bfsDepth).toBeGreaterThanOrEqual(2);
    expect(truth.bfsDepth).toBeLessThanOrEqual(7);
    expect(truth.pages[0]).toEqual({ path: '/', status: 200 });
  });

  it('starts from / and every page is reached through links of earlier pages (a closure)', () => {
    const truth = groundTruth({ pages: 300, faults: true });
    const inTruth = new Set(truth.pages.map((p) => p.path));
    const reached = new Set(['/']);
    for (const page of truth.pages) {
      expect(reached.has(page.path)).toBe(true);
      for (const target of truth.linksOf(page.path)) {
        expect(inTruth.has(target)).toBe(true);
        reached.add(target);
      }
    }
    expect(reached.size).toBe(truth.pageCount);
    for (const trap of TRAP_PATHS) expect(inTruth.has(trap)).toBe(false);
    expect(inTruth.has('/__truth.json')).toBe(false);
  });

  it('records redirects, the 404, the PDF, the flaky page and the fault pages as documented', () => {
    const truth = groundTruth({ faults: true });
    const byPath = new Map(truth.pages.map((p) => [p.path, p]));
    expect(byPath.get(SPECIAL_PATHS.chainStart)).toEqual({ path: SPECIAL_PATHS.chainStart, status: 301 });
    expect(byPath.get(SPECIAL_PATHS.chainMiddle)).toEqual({ path: SPECIAL_PATHS.chainMiddle, status: 302 });
    expect(byPath.get(SPECIAL_PATHS.chainEnd)?.status).toBe(200);
    expect(byPath.get(SPECIAL_PATHS.loopA)?.status).toBe(301);
    expect(byPath.get(SPECIAL_PATHS.loopB)?.status).toBe(302);
    expect(byPath.get(SPECIAL_PATHS.notFound)?.status).toBe(404);
    expect(byPath.get(SPECIAL_PATHS.pdf)?.status).toBe(200);
    expect(byPath.get(SPECIAL_PATHS.flaky)?.status).toBe(200);
    expect(byPath.get(SPECIAL_PATHS.never)).toEqual({ path: SPECIAL_PATHS.never, status: 0, error: 'timeout' });
    expect(byPath.get(SPECIAL_PATHS.reset)).toEqual({ path: SPECIAL_PATHS.reset, status: 200, error: 'reset' });
    expect(byPath.get(SPECIAL_PATHS.huge)).toEqual({ path: SPECIAL_PATHS.huge, status: 200, error: 'too-large' });
    expect(byPath.get(SPECIAL_PATHS.trickle)).toEqual({ path: SPECIAL_PATHS.trickle, status: 200, error: 'timeout' });
    expect(truth.pages.filter((p) => p.error !== undefined)).toHaveLength(4);
    expect(groundTruth({ faults: false }).pages.filter((p) => p.path.startsWith('/faults/'))).toEqual([]);
  });

  it('gives expected visits as the normalized URLs a crawler reports, sorted', () => {
    const truth = groundTruth({ faults: true });
    const origin = 'http://127.0.0.1:4321';
    const visits = expectedVisits(truth, `${origin}/`);
    expect(visits).toHaveLength(truth.pageCount);
    expect(visits.map((v) => v.url)).toEqual(visits.map((v) => v.url).sort());
    for (const visit of visits) {
      const url = new URL(visit.url);
      expect(url.href).toBe(visit.url);
      expect(url.origin).toBe(origin);
      expect(url.search + url.hash).toBe('');
    }
    // The payload page is exactly what `new URL(href, base)` gives for the link on the home page.
    const xssUrl = new URL(SPECIAL_PATHS.xss, `${origin}/`).href;
    expect(visits.find((v) => v.url === xssUrl)).toEqual({ url: xssUrl, status: 200 });
    expect(decodeURIComponent(new URL(xssUrl).pathname)).toBe(`/docs/${XSS_PAYLOAD}`);
    expect(visits.find((v) => v.url === `${origin}/faults/never`)).toEqual({ url: `${origin}/faults/never`, status: 0, error: 'timeout' });
  });

  it('rejects bad options with InvalidArgumentError naming the option', () => {
    expect(() => resolveFixtureOptions({ pages: 5 })).toThrow(InvalidArgumentError);
    expect(() => resolveFixtureOptions({ pages: 5 })).toThrow(/pages/);
    expect(() => resolveFixtureOptions({ pages: 1.5 })).toThrow(/pages/);
    expect(() => resolveFixtureOptions({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => resolveFixtureOptions({ port: 70_000 })).toThrow(/port/);
    expect(() => resolveFixtureOptions({ keepAlive: 'yes' as unknown as boolean })).toThrow(/keepAlive/);
    expect(() => resolveFixtureOptions({ host: '0.0.0.0' as '127.0.0.1' })).toThrow(/127\.0\.0\.1/);
    expect(resolveFixtureOptions({})).toMatchObject({ seed: 1, pages: 127, latencyMs: 0, keepAlive: true, host: '127.0.0.1' });
  });
});
