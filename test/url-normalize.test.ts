import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import { isSameOrigin, normalizeUrl, parseHttpUrl } from '../crawlers/page/normalize-url.js';
import { linkBase, resolveLink } from '../crawlers/page/resolve-link.js';

const page = 'http://example.test/dir/page.html';

describe('normalizeUrl', () => {
  it.each([
    // [what, href, base, expected]
    ['absolute URL unchanged', 'http://example.test/a/b', page, 'http://example.test/a/b'],
    ['fragment dropped', '#top', page, 'http://example.test/dir/page.html'],
    ['fragment on a path dropped', '/a#section-2', page, 'http://example.test/a'],
    ['query dropped', '/a?x=1', page, 'http://example.test/a'],
    ['query variants are one page', '/a?x=2&y=3', page, 'http://example.test/a'],
    ['bare query is the page itself', '?sort=asc', page, 'http://example.test/dir/page.html'],
    ['empty query dropped', '/a?', page, 'http://example.test/a'],
    ['empty fragment dropped', '/a#', page, 'http://example.test/a'],
    ['empty query and empty fragment dropped', '/a?#', page, 'http://example.test/a'],
    ['encoded ? and # in the path are kept', '/a%3Fb%23c', page, 'http://example.test/a%3Fb%23c'],
    ['password without user dropped', 'http://:pw@example.test/a', page, 'http://example.test/a'],
    ['query and fragment dropped', '/a?x=1#f', page, 'http://example.test/a'],
    ['relative file', 'other.html', page, 'http://example.test/dir/other.html'],
    ['./ resolves to the directory', './other.html', page, 'http://example.test/dir/other.html'],
    ['../ climbs a level', '../up.html', page, 'http://example.test/up.html'],
    ['../ past the root stays at the root', '../../../../x', page, 'http://example.test/x'],
    ['dot segments inside an absolute path', '/a/./b/../c', page, 'http://example.test/a/c'],
    ['root-relative', '/root', page, 'http://example.test/root'],
    ['protocol-relative', '//example.test/p', page, 'http://example.test/p'],
    ['base href directory', 'x.html', 'http://example.test/base/', 'http://example.test/base/x.html'],
    ['base href without trailing slash replaces the last segment', 'x.html', 'http://example.test/base', 'http://example.test/x.html'],
    ['URL object as base', 'x', new URL('http://example.test/q/'), 'http://example.test/q/x'],
    ['base query does not leak', '', 'http://example.test/p?x=1', 'http://example.test/p'],
    ['empty href is the page itself', '', page, 'http://example.test/dir/page.html'],
    ['whitespace around href is stripped', '  \n\t/a \n', page, 'http://example.test/a'],
    ['tabs and newlines inside href are removed', '/a\n/b\t', page, 'http://example.test/a/b'],
    ['upper-case scheme and host lower-cased', 'HTTP://EXAMPLE.TEST/Path', page, 'http://example.test/Path'],
    ['path case is kept', '/CaSe', page, 'http://example.test/CaSe'],
    ['default http port dropped', 'http://example.test:80/a', page, 'http://example.test/a'],
    ['default https port dropped', 'https://example.test:443/a', page, 'https://example.test/a'],
    ['non-default port kept', 'http://example.test:8080/a', page, 'http://example.test:8080/a'],
    ['empty path becomes /', 'http://example.test', page, 'http://example.test/'],
    ['space percent-encoded', '/a b', page, 'http://example.test/a%20b'],
    ['non-ASCII percent-encoded', '/café', page, 'http://example.test/caf%C3%A9'],
    ['existing percent-encoding kept as written', '/a%2Fb%7e', page, 'http://example.test/a%2Fb%7e'],
    ['credentials dropped', 'http://user:pw@example.test/a', page, 'http://example.test/a'],
    ['https kept', 'https://example.test/s', page, 'https://example.test/s'],
    ['other origin still normalizes (scope is checked separately)', 'http://other.test/x#y', page, 'http://other.test/x'],
    ['IPv4 host', 'http://127.0.0.1:3000/a/../b', page, 'http://127.0.0.1:3000/b'],
  ])('%s', (_what, href, base, expected) => {
    expect(normalizeUrl(href, base)).toBe(expected);
  });

  it.each([
    ['mailto', 'mailto:someone@example.test'],
    ['tel', 'tel:+15550100'],
    ['javascript', 'javascript:void(0)'],
    ['upper-case JavaScript', 'JavaScript:alert(1)'],
    ['data', 'data:text/html,<a>'],
    ['ftp', 'ftp://example.test/file'],
    ['file', 'file:///etc/passwd'],
    ['unparseable host', 'http://exa mple.test/'],
    ['bad port', 'http://example.test:99999/'],
    ['bracket garbage', 'http://[::1/'],
  ])('%s is not crawlable', (_what, href) => {
    expect(normalizeUrl(href, page)).toBeNull();
  });
});

describe('isSameOrigin', () => {
  it.each([
    ['same origin', 'http://h.test/a', 'http://h.test', true],
    ['origin given with a path', 'http://h.test/a', 'http://h.test/start/page', true],
    ['explicit default port', 'http://h.test:80/a', 'http://h.test', true],
    ['other port', 'http://h.test:81/a', 'http://h.test', false],
    ['other scheme', 'https://h.test/a', 'http://h.test', false],
    ['other host', 'http://evil.test/a', 'http://h.test', false],
    ['subdomain is another origin', 'http://www.h.test/a', 'http://h.test', false],
    ['host prefix trick', 'http://h.test.evil.test/a', 'http://h.test', false],
    ['port prefix trick', 'http://127.0.0.1:80801/a', 'http://127.0.0.1:8080', false],
    ['case-insensitive host', 'http://H.TEST/a', 'http://h.test', true],
    ['unparseable url', 'not a url', 'http://h.test', false],
    ['unparseable origin', 'http://h.test/a', 'nope', false],
  ])('%s', (_what, url, origin, expected) => {
    expect(isSameOrigin(url, origin)).toBe(expected);
  });
});

describe('resolveLink gives what parseHttpUrl gives, in scope', () => {
  const BASES = [
    'http://example.test/',
    'http://example.test',
    'http://example.test/dir/page.html',
    'http://example.test/a//b/',
    'http://example.test/.a/.b/',
    'http://127.0.0.1:18191/docs/models-1/',
    'https://user:pw@Example.TEST:8443/a/b/c?q=1#frag',
    'http://[::1]:8080/x/y',
    'https://example.test:443/deep/er/still/',
    'ftp://example.test/files/',
    'mailto:someone@example.test',
  ];
  // Serialized origins, and URLs of an origin written otherwise (the scope is any URL of it).
  const SCOPES = ['http://example.test', 'https://example.test', 'https://example.test:8443', 'http://127.0.0.1:18191', 'http://[::1]:8080', 'http://example.tes', 'HTTP://Example.Test:80/start'];
  // What links on real pages are made of, and every character the fast path must leave to URL.
  const PIECES = [
    'a',
    'docs',
    'B9',
    'x-1',
    'page.html',
    '.',
    '..',
    '...',
    '.a',
    'a.',
    '..b',
    '',
    '~_-',
    "'",
    '!$&()*+,;=@',
    '%2e',
    '%2E',
    '.%2e',
    '%2e.',
    '%41',
    '%',
    ':',
    'c:',
    'http:',
    'HTTP://example.test',
    'http://example.test/x',
    '//example.test',
    'mailto:x',
    '\\',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u0000',
    '\u001f',
    '\u007f',
    'é',
    '\ud800',
    '^',
    '`',
    '{',
    '}',
    '|',
    '[',
    ']',
    '<',
    '>',
    '"',
    '?',
    '#',
    '?q=1&b',
    '#frag',
    '?#',
    '/',
  ];
  const inScope = (url: string | null, scope: string): string | null => (url?.startsWith(`${new URL(scope).origin}/`) ? url : null);
  const bases = BASES.map((base) => ({ base, scopes: SCOPES.map((scope) => ({ scope, parsed: linkBase(new URL(base), scope) })) }));
  const mismatchesOn = (href: string): string[] => {
    const mismatches: string[] = [];
    for (const { base, scopes } of bases) {
      const url = parseHttpUrl(href, base)?.href ?? null;
      for (const { scope, parsed } of scopes) {
        const got = resolveLink(href, parsed);
        if (got !== inScope(url, scope)) mismatches.push(`${JSON.stringify(href)} on ${base} in ${scope}: ${got} instead of ${inScope(url, scope)}`);
      }
    }
    return mismatches;
  };

  it('on the links of the fixture pages and the shapes URL treats unlike the standard', () => {
    const fixture = ['/', '/docs/', './tracing-0/', '../', '../metrics-0/', '', '#main', '?x=1', '/search?q=crawler&lang=en', 'docs/', './docs/#getting-started'];
    // Node 20's URL (ada 2.9) leaves the dot segments after a `.name` segment: `a/.b/.` stays.
    const quirks = ['a/.b/.', 'a/.b/..', '/a/.b/./c', '/.well-known/x', './.a/../b'];
    const hrefs = [...fixture, ...quirks];
    expect(hrefs.flatMap(mismatchesOn)).toEqual([]);
  });

  it('on 10 000 seeded random hrefs against each base and scope', () => {
    const random = mulberry32(7);
    const pick = (): string => PIECES[Math.floor(random() * PIECES.length)] ?? '';
    const mismatches: string[] = [];
    for (let n = 0; n < 10_000; n += 1) {
      // Half start with a slash (absolute paths), the rest are relative or odd.
      let href = random() < 0.5 ? '/' : '';
      const count = Math.floor(random() * 7);
      for (let k = 0; k < count; k += 1) href += (k > 0 && random() < 0.7 ? '/' : '') + pick();
      mismatches.push(...mismatchesOn(href));
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
