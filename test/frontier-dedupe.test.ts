import { describe, expect, it } from 'vitest';
import { Frontier } from '../crawlers/page/frontier.js';

describe('Frontier', () => {
  it('hands URLs out in the order they were added (FIFO, breadth-first)', () => {
    const frontier = new Frontier(100);
    for (const url of ['a', 'b', 'c']) frontier.add(url);
    expect([frontier.next(), frontier.next(), frontier.next(), frontier.next()]).toEqual(['a', 'b', 'c', undefined]);
  });

  it('admits each URL once, even after it was handed out', () => {
    const frontier = new Frontier(100);
    expect(frontier.add('a')).toBe(true);
    expect(frontier.add('a')).toBe(false);
    expect(frontier.next()).toBe('a');
    expect(frontier.add('a')).toBe(false);
    expect(frontier.next()).toBeUndefined();
    expect(frontier.has('a')).toBe(true);
    expect(frontier.seen).toBe(1);
  });

  it('stops admitting at maxPages, counting URLs already handed out', () => {
    const frontier = new Frontier(2);
    expect(frontier.add('a')).toBe(true);
    frontier.next();
    expect(frontier.add('b')).toBe(true);
    expect(frontier.add('c')).toBe(false);
    expect(frontier.seen).toBe(2);
    expect(frontier.size).toBe(1);
  });

  it('counts the new URLs the cap refused, and only those', () => {
    const frontier = new Frontier(2);
    frontier.add('a');
    frontier.add('b');
    expect(frontier.refusedByCap).toBe(0);
    frontier.add('a'); // seen before: refused as a duplicate, not by the cap
    expect(frontier.refusedByCap).toBe(0);
    frontier.add('c');
    frontier.addFirst('d');
    expect(frontier.refusedByCap).toBe(2);
  });

  it('addFirst makes a URL the next one out, once, and respects the cap', () => {
    const frontier = new Frontier(5);
    frontier.add('a');
    frontier.add('b');
    expect(frontier.addFirst('urgent')).toBe(true); // head is 0: goes in front by unshift
    expect(frontier.next()).toBe('urgent');
    expect(frontier.next()).toBe('a');
    expect(frontier.addFirst('again')).toBe(true); // reuses the slot 'a' left
    expect(frontier.addFirst('a')).toBe(false);
    expect(frontier.addFirst('last')).toBe(true);
    expect(frontier.addFirst('over')).toBe(false); // 5 admitted: the cap
    expect([frontier.next(), frontier.next(), frontier.next(), frontier.next()]).toEqual(['last', 'again', 'b', undefined]);
  });

  it('reports pending size and seen count separately', () => {
    const frontier = new Frontier(10);
    frontier.add('a');
    frontier.add('b');
    expect(frontier.size).toBe(2);
    frontier.next();
    expect(frontier.size).toBe(1);
    expect(frontier.seen).toBe(2);
  });

  it('keeps order and dedupe across 100 000 URLs added while draining (compaction)', () => {
    const total = 100_000;
    const frontier = new Frontier(total);
    const out: string[] = [];
    let added = 0;
    // Interleave adds and takes so the head index passes the compaction threshold many times.
    while (out.length < total) {
      for (let i = 0; i < 3 && added < total; i += 1) {
        frontier.add(`/p${added}`);
        frontier.add(`/p${Math.max(0, added - 1)}`); // a duplicate of a recent URL, rejected
        added += 1;
      }
      const url = frontier.next();
      if (url !== undefined) out.push(url);
    }
    expect(out.length).toBe(total);
    expect(out[0]).toBe('/p0');
    expect(out[total - 1]).toBe(`/p${total - 1}`);
    expect(out.every((url, i) => url === `/p${i}`)).toBe(true);
    expect(frontier.add('/p5')).toBe(false);
    expect(frontier.size).toBe(0);
    expect(frontier.seen).toBe(total);
  });
});
