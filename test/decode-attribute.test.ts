import { decodeHTMLAttribute } from 'entities/decode';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import { decodeAttribute } from '../crawlers/page/decode-attribute.js';

// Pieces that sit next to `&amp;` in real hrefs and the ones that make attribute decoding subtle:
// no semicolon, a following letter, digit or `=`, other named and numeric references, case.
const PIECES = ['&amp;', '&amp', '&', 'amp;', '&lt;', '&lt', '&#38;', '&#x26;', '&AMP;', '&ampx', '&amp=', '&amp;amp;', '&notin;', '&not', 'a', 'q=1', '=', ';', '#', 'x', ' ', '/', '?'];

describe('decodeAttribute', () => {
  it('leaves a value without references as it is', () => {
    expect(decodeAttribute('/docs/page?q=1')).toBe('/docs/page?q=1');
  });

  it('decodes &amp; in query strings, and one level only', () => {
    expect(decodeAttribute('/search?a=1&amp;b=2&amp;c=3')).toBe('/search?a=1&b=2&c=3');
    expect(decodeAttribute('?x=&amp;lt;')).toBe('?x=&lt;');
  });

  it('decodes everything else as the tokenizer does', () => {
    expect(decodeAttribute('?a=1&amp;b=&lt;&amp')).toBe(decodeHTMLAttribute('?a=1&amp;b=&lt;&amp'));
    expect(decodeAttribute('?a&ampx=1&not=2&#38;')).toBe('?a&ampx=1&not=2&');
  });

  it('agrees with entities’ decodeHTMLAttribute on 20 000 generated values', () => {
    const next = mulberry32(14);
    for (let n = 0; n < 20_000; n += 1) {
      const count = 1 + Math.floor(next() * 8);
      let value = '';
      for (let k = 0; k < count; k += 1) value += PIECES[Math.floor(next() * PIECES.length)];
      expect(decodeAttribute(value), JSON.stringify(value)).toBe(decodeHTMLAttribute(value));
    }
  });
});
