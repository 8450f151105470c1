import { describe, expect, it } from 'vitest';
import { extractLinks } from '../crawlers/page/extract-links.js';

const origin = 'http://site.test';
const page = 'http://site.test/dir/page';

function links(html: string, pageUrl = page): string[] {
  return extractLinks(html, pageUrl, origin);
}

describe('extractLinks', () => {
  it.each([
    ['relative, absolute and root-relative links', '<a href="a">1</a><a href="/b">2</a><a href="http://site.test/c">3</a>', ['http://site.test/dir/a', 'http://site.test/b', 'http://site.test/c']],
    ['fragments and queries collapse to one page', '<a href="/x#one">1</a><a href="/x?p=2">2</a><a href="/x">3</a>', ['http://site.test/x']],
    ['empty href is the page itself', '<a href="">self</a>', ['http://site.test/dir/page']],
    ['fragment-only href is the page itself', '<a href="#top">top</a>', ['http://site.test/dir/page']],
    ['./ and ../', '<a href="./s">1</a><a href="../up">2</a>', ['http://site.test/dir/s', 'http://site.test/up']],
    ['&amp; is decoded before normalization', '<a href="/p&amp;q">1</a><a href="/r?a=1&amp;b=2">2</a>', ['http://site.test/p&q', 'http://site.test/r']],
    ['numeric entities are decoded', '<a href="/&#x61;&#98;">1</a>', ['http://site.test/ab']],
    ['upper-case tag and attribute names', '<A HREF="/upper">1</A>', ['http://site.test/upper']],
    ['unquoted attribute values', '<a href=/unquoted>1</a><a class=x href=rel>2</a>', ['http://site.test/unquoted', 'http://site.test/dir/rel']],
    ['single-quoted attribute values', "<a href='/single'>1</a>", ['http://site.test/single']],
    ['whitespace around the href', '<a href="  /spaced\n ">1</a>', ['http://site.test/spaced']],
    ['default port equals no port', '<a href="http://site.test:80/p">1</a>', ['http://site.test/p']],
    ['percent-encoding kept, spaces encoded', '<a href="/a%20b">1</a><a href="/c d">2</a>', ['http://site.test/a%20b', 'http://site.test/c%20d']],
    ['other origins are dropped', '<a href="http://other.test/x">1</a><a href="https://site.test/y">2</a><a href="http://site.test:81/z">3</a><a href="//cdn.test/w">4</a>', []],
    ['non-http schemes are dropped', '<a href="mailto:a@site.test">m</a><a href="tel:123">t</a><a href="javascript:go()">j</a><a href="data:,x">d</a>', []],
    ['links in comments do not count', '<!-- <a href="/commented">x</a> --><a href="/real">r</a>', ['http://site.test/real']],
    ['links in scripts do not count', '<script>document.write(\'<a href="/scripted">x</a>\')</script><a href="/real">r</a>', ['http://site.test/real']],
    ['links in styles do not count', '<style>a[href="/styled"]{}</style>', []],
    ['links in textarea and title do not count', '<title><a href="/t">x</a></title><textarea><a href="/ta">x</a></textarea>', []],
    ['tag-like text inside an attribute does not count', '<div title=\'<a href="/fake">\'></div>', []],
    ['a without href and other elements with href do not count', '<a name="n">x</a><link href="/style.css"><area href="/map"><img src="/i.png">', []],
    ['duplicates keep first-seen document order', '<a href="/b">1</a><a href="/a">2</a><a href="/b">3</a>', ['http://site.test/b', 'http://site.test/a']],
    ['unparseable hrefs are skipped', '<a href="http://[bad">1</a><a href="/ok">2</a>', ['http://site.test/ok']],
    ['an href without a value is the page itself', '<a href>self</a>', ['http://site.test/dir/page']],
    ['a repeated href keeps the first value', '<a href="/first" HREF="/second">x</a>', ['http://site.test/first']],
    ['a self-closing a still links', '<a href="/self-closed"/>', ['http://site.test/self-closed']],
    ['entities split an href without breaking it', '<a href="/x&#47;y&lt;z">1</a>', ['http://site.test/x/y%3Cz']],
    ['links in xmp do not count', '<xmp><a href="/xmp">x</a></xmp><a href="/after">y</a>', ['http://site.test/after']],
    ['similar tags and attributes do not count', '<abbr href="/abbr">1</abbr><a data-href="/data" hreflang="en">2</a><bases href="/b">3</bases>', []],
    ['an unterminated tag at the end does not count', '<a href="/done">1</a><a href="/cut"', ['http://site.test/done']],
    ['links inside svg count like any a element', '<svg><a href="/svg">s</a></svg>', ['http://site.test/svg']],
    ['malformed HTML still yields its links', '<div><p><a href="/m1">x<a href="/m2">y</div></span>', ['http://site.test/m1', 'http://site.test/m2']],
  ])('%s', (_what, html, expected) => {
    expect(links(html)).toEqual(expected);
  });

  describe('<base href>', () => {
    it('resolves relative links against the base', () => {
      expect(links('<head><base href="/other/"></head><a href="x">1</a><a href="/abs">2</a>')).toEqual(['http://site.test/other/x', 'http://site.test/abs']);
    });

    it('the base itself is relative to the page', () => {
      expect(links('<base href="../b/"><a href="x">1</a>')).toEqual(['http://site.test/b/x']);
    });

    it('the first base with an href wins', () => {
      expect(links('<base target="_top"><base href="/first/"><base href="/second/"><a href="x">1</a>')).toEqual(['http://site.test/first/x']);
    });

    it('an empty href with a base is the base', () => {
      expect(links('<base href="/b/index"><a href="">1</a>')).toEqual(['http://site.test/b/index']);
    });

    it('a base on another origin sends relative links out of scope', () => {
      expect(links('<base href="http://cdn.test/"><a href="x">1</a><a href="http://site.test/y">2</a>')).toEqual(['http://site.test/y']);
    });

    it('upper-case BASE HREF is honoured', () => {
      expect(links('<BASE HREF="/up/"><a href="x">1</a>')).toEqual(['http://site.test/up/x']);
    });

    it('a base after the links still applies, as the document base URL', () => {
      expect(links('<a href="x">1</a><base href="/late/">')).toEqual(['http://site.test/late/x']);
    });

    it('an unparseable base is ignored', () => {
      expect(links('<base href="http://[bad/"><a href="x">1</a>')).toEqual(['http://site.test/dir/x']);
    });
  });

  it('honours the origin argument given with a trailing path', () => {
    expect(extractLinks('<a href="/p">1</a>', page, 'http://site.test/start')).toEqual(['http://site.test/p']);
  });

  it('returns nothing for an empty or link-free document', () => {
    expect(links('')).toEqual([]);
    expect(links('<html><body><p>no links</p></body></html>')).toEqual([]);
  });
});
