import { describe, expect, it } from 'vitest';
import { PROFILES } from '../harness/bench/bench-options.js';
import { resolveFixtureOptions } from '../fixtures/fixture-options.js';
import { createPageCache, PAGE_CACHE_BYTES } from '../fixtures/page-cache.js';
import { createSite } from '../fixtures/site.js';

describe('fixture page cache', () => {
  it('evicts the least recently used bodies to stay within its byte budget', () => {
    const cache = createPageCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')?.length).toBe(4); // a is now the most recent
    cache.set('c', Buffer.alloc(4)); // 12 bytes: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.sizeBytes).toBe(8);
  });

  it('replaces a key in place and never holds a body larger than the budget', () => {
    const cache = createPageCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('a', Buffer.alloc(6));
    expect(cache.sizeBytes).toBe(6);
    cache.set('huge', Buffer.alloc(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')?.length).toBe(6);
  });
});

describe('fixture page cache budget', () => {
  it('holds every page of the large profile, so a bench renders each page only in its first crawl', () => {
    // Rendering 20 000 pages here would take seconds; every 50th content page is a fair sample of
    // their sizes (the tree mixes sections and leaves all the way through).
    const site = createSite(resolveFixtureOptions({ pages: PROFILES.large.pages }));
    let sampled = 0;
    let sampleBytes = 0;
    for (let node = 0; node < site.nodeCount; node += 50) {
      if (site.describe(node).kind !== 'content') continue;
      sampleBytes += Buffer.byteLength(site.html(node, 'http://127.0.0.1:65535'));
      sampled += 1;
    }
    const estimatedBytes = (sampleBytes / sampled) * site.nodeCount;
    expect(estimatedBytes).toBeGreaterThan(100 * 1024 * 1024); // the sample measured real pages
    // Gzipped copies (a quarter of the size or less) sit beside the plain ones when gzip is on.
    expect(estimatedBytes * 1.25 * 1.2).toBeLessThan(PAGE_CACHE_BYTES);
  });
});
