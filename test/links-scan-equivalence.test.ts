/**
 * The crawlers' `indexOf` scanner (crawlers/page/scan-hrefs.ts) finds exactly the `href`s that
 * htmlparser2's Tokenizer finds (crawlers/page/tokenizer-hrefs.ts): on every fixture page, on
 * hand-written edge cases, and on thousands of seeded random documents built from the pieces where
 * tokenizers disagree (comments, raw text, quotes, entities, self-closing and cut-off tags).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import { scanHrefs } from '../crawlers/page/scan-hrefs.js';
import { tokenizerHrefs } from '../crawlers/page/tokenizer-hrefs.js';
import { resolveFixtureOptions } from '../fixtures/fixture-options.js';
import { createSite } from '../fixtures/site.js';

const EDGE_CASES = [
  '<a href="/x">x</a>',
  '<A HREF=/up>u</A>',
  "<a href='/single'>s</a>",
  '<a href = "/spaced" >',
  '<a\thref=/tab\n>',
  '<a href>empty</a>',
  '<a href=>empty-unquoted</a>',
  '<a href="/first" href="/second">',
  '<a hrefx="/no" href="/yes">',
  '<a =href="/eq-name" href="/after">',
  '<a/href="/slash-name">',
  '<a / href="/slash-space">',
  '<a href="/self"/>',
  '<a href=/unquoted/with/slash/>',
  '<a href="/q?a=1&amp;b=2">',
  '<a href="/legacy?a=1&ampb=2&amp=3&copy">',
  '<a href="/num&#47;&#x2F;&#0;">',
  '<a href="&quot;/quoted&quot;">',
  '<a href=/tail&amp',
  '<a href="/unterminated',
  '<a href=/cut',
  '<a',
  '<',
  '<<a href=/double-lt>',
  '< a href=/space-after-lt>',
  '<!-- <a href=/comment> -->',
  '<!--> <a href=/after-short-comment>',
  '<!---> <a href=/after-short-comment-2>',
  '<!----> <a href=/after-empty-comment>',
  '<!-- unterminated <a href=/never>',
  '<!-x> <a href=/swallowed-by-decl> >  <a href=/after-decl>',
  '<!> <a href=/swallowed> > <a href=/after-bang>',
  '<!DOCTYPE html><a href=/after-doctype>',
  '<![CDATA[ <a href=/cdata> ]]> <a href=/after-cdata>',
  '<![CDAT <a href=/bad-cdata> > <a href=/after-bad-cdata>',
  '<?xml <a href=/pi> ?> <a href=/after-pi>',
  '<?> <a href=/after-empty-pi>',
  '</a href=/closing> <a href=/after-closing>',
  '</ > <a href=/after-odd-close>',
  '</3 <a href=/bogus-comment> > <a href=/after-bogus>',
  '</> <a href=/after-empty-close>',
  '<script><a href=/in-script></script><a href=/after-script>',
  '<SCRIPT type="x"><a href=/in-script-2></SCRIPT ><a href=/after-script-2>',
  '<script></scriptx><a href=/still-script></script>',
  '<script></script/><a href=/script-slash-close></script>',
  '<script/><a href=/after-self-closed-script>',
  '<script <a href=/script-attr>><a href=/in-script-3></script>',
  '<style>a{}</style><a href=/after-style>',
  '<title><a href=/in-title></title><a href=/after-title>',
  '<title>&amp;<a href=/in-title-2>&</title><a href=/after-title-2>',
  '<textarea><a href=/in-textarea></textarea><a href=/after-textarea>',
  '<xmp><a href=/in-xmp></xmp><a href=/after-xmp>',
  '<xitle><a href=/in-xitle></title><a href=/after-xitle>',
  '<tmp><a href=/in-tmp></xmp><a href=/after-tmp>',
  '<scr><a href=/after-scr>',
  '<scriptx><a href=/after-scriptx>',
  '<script>unterminated <a href=/in-open-script>',
  '<div title="<a href=/in-attr>"><a href=/after-attr>',
  "<div title='>'><a href=/after-gt-attr>",
  '<div a="1"b="2"><a href=/after-packed>',
  '<div x=a"b><a href=/after-quote-in-unquoted>',
  '<base href="/base/"><a href="rel">',
  '<base><base href="/second-base/"><base href="/third/">',
  '<BASE HREF=/upper-base/>',
  '<a href="/entity&lt;&gt;&nbsp;">',
  '<a href="/&notin;&notit;&not">',
  '<p title="a>b"><a href=/after-gt-in-quotes>',
  '<p x="unclosed><a href=/never-1>',
  "<p x='unclosed><a href=/never-2>",
  '<p x=unquoted<a href=/inside-value>',
  '<p x y = z/ ><a href=/after-spaced>',
  '<br/ ><a href=/after-br>',
  '<p =x><a href=/after-eq-name>',
  '<a class="x" href="/second-attr">',
  '<a href=/one href=/two>',
  '<a data-href="/no" HREF="/upper">',
  '<a href="/cut"',
  '<p/',
];

/** Pieces of HTML where scanners and tokenizers part ways; a document is a random run of them. */
const PIECES = [
  '<a href="/a">',
  '<a href=/b>',
  "<A HREF='/c'>",
  '<a href>',
  '<a href=>',
  '<a href = "/d" href="/e">',
  '<a/href=/f>',
  '<a / >',
  '<base href="/g/">',
  '<BASE href=h>',
  '</a>',
  '</a x="y>">',
  '<!--',
  '-->',
  '--',
  '-',
  '<!',
  '<!-',
  '<![CDATA[',
  ']]>',
  '<?',
  '</',
  '<',
  '>',
  '/',
  '/>',
  '=',
  '"',
  "'",
  ' ',
  '\n',
  '\t',
  'text',
  '&amp;',
  '&amp',
  '&#60;',
  '&lt',
  '&quot;',
  '<script>',
  '</script>',
  '</SCRIPT ',
  '<style>',
  '</style>',
  '<title>',
  '</title>',
  '<textarea>',
  '</textarea>',
  '<xmp>',
  '</xmp>',
  '<xitle>',
  '<tmp>',
  '<script/>',
  '<div title="',
  '<p class=x',
  'href',
  'href=',
  '<a ',
  '<a\n',
  // Other tags, whose whole reading the scan leaves to one regular expression: names, attribute
  // shapes, and names one letter off those it reads itself.
  '<p',
  '<p>',
  '<div ',
  '<br/',
  '<i/ >',
  '<img src=',
  ' x',
  ' y="1"',
  " z='2'",
  'w=v',
  '<span =x',
  '<ab',
  '<A',
  '<as>',
  '<bases ',
  '<scripts>',
  '<xmpp>',
  'HREF',
  ' href ',
];

describe('scanHrefs finds what htmlparser2’s Tokenizer finds', () => {
  it('on the hand-written edge cases', () => {
    for (const html of EDGE_CASES) expect(scanHrefs(html), html).toEqual(tokenizerHrefs(html));
  });

  it('on every page of a 2 000-page fixture site', () => {
    const site = createSite(resolveFixtureOptions({ pages: 2_000, seed: 7 }));
    let pages = 0;
    const HTML_KINDS = new Set(['content', 'home', 'html', 'flaky', 'not-found']);
    for (let node = 0; node < site.nodeCount; node += 1) {
      if (!HTML_KINDS.has(site.describe(node).kind)) continue;
      const html = site.html(node, 'http://127.0.0.1:9');
      expect(scanHrefs(html), site.describe(node).path).toEqual(tokenizerHrefs(html));
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1_000);
  });

  it('on pages of a million tags, or of one tag with a million attributes, in one pass each', () => {
    // A regular expression that kept going would overflow its backtracking stack on these, and a
    // scan that then fell back item by item would take quadratic time (minutes, not milliseconds).
    const pages = [`${'<p>x'.repeat(1_000_000)}<a href=/after-million-tags>`, `<p ${'a=1 '.repeat(1_000_000)}><a href=/after-million-attributes>`, `<a ${'b=2 '.repeat(1_000_000)}href=/late-href>`];
    for (const html of pages) expect(scanHrefs(html)).toEqual(tokenizerHrefs(html));
  });

  it('on 40 000 seeded random documents built from the pieces tokenizers disagree on', () => {
    const random = mulberry32(14);
    for (let doc = 0; doc < 40_000; doc += 1) {
      const count = 1 + Math.floor(random() * 14);
      let html = '';
      for (let k = 0; k < count; k += 1) html += PIECES[Math.floor(random() * PIECES.length)];
      expect(scanHrefs(html), JSON.stringify(html)).toEqual(tokenizerHrefs(html));
    }
  });
});
