/**
 * The answer a supervised worker sends for one visit (protocol version 2, visit-message.ts):
 * decoded, it is the visit the worker made, except for the links this worker already reported,
 * which it sends once; links off the origin and redirect targets survive unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { PageVisit } from '../crawlers/contract.js';
import { createVisitEncoder, decodeVisit } from '../crawlers/supervised/visit-message.js';

const ORIGIN = 'http://127.0.0.1:8080';

function page(url: string, found: string[], extra: Partial<PageVisit['record']> = {}): PageVisit {
  return { record: { url, status: 200, bytes: 1234, ms: 2.5, links: found.length, ...extra }, found, requests: 1, skippedLongUrls: 0 };
}

/** What crosses the boundary: a JSON round trip, as over a child's IPC channel. */
function overTheWire<T>(message: T): T {
  return JSON.parse(JSON.stringify(message)) as T;
}

describe('visit messages', () => {
  it('round-trip a page with links, its record and counters unchanged', () => {
    const encode = createVisitEncoder(ORIGIN);
    const visit = { ...page(`${ORIGIN}/a/`, [`${ORIGIN}/`, `${ORIGIN}/b/?q=1`, `${ORIGIN}/c/%E2%9C%93`]), requests: 3, skippedLongUrls: 2 };
    const message = overTheWire(encode(7, visit));
    expect(message).toMatchObject({ type: 'visited', id: 7 });
    expect(message).not.toHaveProperty('url');
    expect(decodeVisit(message, `${ORIGIN}/a/`, ORIGIN)).toEqual(visit);
  });

  it('sends each link once per worker, and the record still counts every link of the page', () => {
    const encode = createVisitEncoder(ORIGIN);
    encode(1, page(`${ORIGIN}/`, [`${ORIGIN}/nav/`, `${ORIGIN}/a/`]));
    const second = decodeVisit(encode(2, page(`${ORIGIN}/a/`, [`${ORIGIN}/nav/`, `${ORIGIN}/b/`, `${ORIGIN}/a/`])), `${ORIGIN}/a/`, ORIGIN);
    expect(second.found).toEqual([`${ORIGIN}/b/`]);
    expect(second.record.links).toBe(3);
    // A new worker (a restart) remembers nothing, so it reports everything again.
    const fresh = createVisitEncoder(ORIGIN);
    expect(decodeVisit(fresh(1, page(`${ORIGIN}/a/`, [`${ORIGIN}/nav/`])), `${ORIGIN}/a/`, ORIGIN).found).toEqual([`${ORIGIN}/nav/`]);
  });

  it('forgets links beyond what it remembers and sends them again, never losing one', () => {
    const encode = createVisitEncoder(ORIGIN, 2);
    const links = Array.from({ length: 10 }, (_, i) => `${ORIGIN}/p${i}/`);
    const first = decodeVisit(encode(1, page(`${ORIGIN}/`, links)), `${ORIGIN}/`, ORIGIN);
    expect(first.found).toEqual(links);
    const again = decodeVisit(encode(2, page(`${ORIGIN}/x/`, links)), `${ORIGIN}/x/`, ORIGIN);
    // quick-lru keeps between 2 and 4 of them: the rest come again, in page order.
    expect(again.found.length).toBeGreaterThanOrEqual(6);
    expect(again.found).toEqual(links.filter((link) => again.found.includes(link)));
  });

  it('keeps a redirect target, an error and a link off the origin as they were', () => {
    const encode = createVisitEncoder(ORIGIN);
    const redirect = page(`${ORIGIN}/old`, [], { status: 301, redirectTo: 'https://elsewhere.example/new', links: 0 });
    expect(decodeVisit(overTheWire(encode(1, redirect)), `${ORIGIN}/old`, ORIGIN)).toEqual(redirect);
    const failed = { ...page(`${ORIGIN}/slow`, [], { status: 0, bytes: 0, error: 'timeout' as const }), requests: 3 };
    expect(decodeVisit(overTheWire(encode(2, failed)), `${ORIGIN}/slow`, ORIGIN)).toEqual(failed);
    // A prefix of the origin that is not the origin (port 80801) must not lose its host.
    const odd = page(`${ORIGIN}/z/`, [`${ORIGIN}1/y/`, 'http://other.example/']);
    expect(decodeVisit(overTheWire(encode(3, odd)), `${ORIGIN}/z/`, ORIGIN).found).toEqual([`${ORIGIN}1/y/`, 'http://other.example/']);
  });

  it('adds the time lost to dead workers to the record', () => {
    const encode = createVisitEncoder(ORIGIN);
    expect(decodeVisit(encode(1, page(`${ORIGIN}/`, [])), `${ORIGIN}/`, ORIGIN, 40).record.ms).toBe(42.5);
  });

  it('is smaller than the whole visit a version 1 worker sent', () => {
    const links = Array.from({ length: 32 }, (_, i) => `${ORIGIN}/docs/section-${i % 7}/page-${i}/`);
    const visit = page(`${ORIGIN}/docs/`, links);
    const encode = createVisitEncoder(ORIGIN);
    const firstBytes = JSON.stringify(encode(1, visit)).length;
    expect(firstBytes).toBeLessThan(JSON.stringify({ type: 'visited', id: 1, visit }).length * 0.6);
    expect(JSON.stringify(encode(2, visit)).length).toBeLessThan(150);
  });
});
