import { describe, expect, it } from 'vitest';
import { isSameOrigin, normalizeUrl } from '../crawlers/page/normalize-url.js';

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
