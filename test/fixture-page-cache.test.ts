import { describe, expect, it } from 'vitest';
import { createPageCache } from '../fixtures/page-cache.js';

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
