/**
 * A page's bytes are decoded in the encoding a browser would pick, in the HTML Standard's order:
 * byte order mark, then the Content-Type charset, then a <meta> in the first 1024 bytes, else
 * UTF-8. Each case is served for real by an in-process server and crawled by the shared page
 * visitor; a link with a non-ASCII path shows whether the page was decoded right.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { createPageVisitor, type PageVisitor } from '../crawlers/page/visit-page.js';

const CAFE = '/café';
/** `/café` as a normalized URL path: é is U+00E9, UTF-8 C3 A9. */
const CAFE_PATH = '/caf%C3%A9';
const JAPAN = '/日本';
const JAPAN_PATH = '/%E6%97%A5%E6%9C%AC';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  for (let i = 0; i < bytes.length; i += 2) bytes.writeUInt16BE(bytes.readUInt16LE(i), i);
  return bytes;
}

/** Latin-1 bytes: é is the single byte E9, as windows-1252 and ISO-8859-1 write it. */
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

const link = (path: string): string => `<a href="${path}">x</a>`;

/** Path → [Content-Type, body bytes]. */
const PAGES: Record<string, [string, Buffer]> = {
  '/bom-utf8': ['text/html', Buffer.concat([UTF8_BOM, utf8(link(CAFE))])],
  '/bom-utf16le': ['text/html', Buffer.concat([UTF16LE_BOM, Buffer.from(link(JAPAN), 'utf16le')])],
  '/bom-utf16be': ['text/html', Buffer.concat([UTF16BE_BOM, utf16be(link(JAPAN))])],
  '/header-latin1': ['text/html; charset=ISO-8859-1', latin1(link(CAFE))],
  '/header-quoted': ['text/html; charset="windows-1252"', latin1(link(CAFE))],
  '/meta-charset': ['text/html', latin1(`<!DOCTYPE html><html><head><meta charset="windows-1252"><title>t</title></head><body>${link(CAFE)}</body></html>`)],
  '/meta-http-equiv': ['text/html', latin1(`<html><head><!-- a comment --><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>${link(CAFE)}</html>`)],
  '/bom-beats-header': ['text/html; charset=windows-1252', Buffer.concat([UTF8_BOM, utf8(link(CAFE))])],
  '/header-beats-meta': ['text/html; charset=windows-1252', latin1(`<meta charset="utf-8">${link(CAFE)}`)],
  '/meta-after-1024-bytes': ['text/html', utf8(`<!-- ${'x'.repeat(1100)} --><meta charset="windows-1252">${link(CAFE)}`)],
  '/meta-utf16-means-utf8': ['text/html', utf8(`<meta charset="utf-16">${link(CAFE)}`)],
  '/undeclared': ['text/html', utf8(link(CAFE))],
};

let server: http.Server;
let origin: string;
let pages: PageVisitor;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = PAGES[req.url ?? ''];
    if (page === undefined) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': page[0] }).end(page[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pages = createPageVisitor(resolveCrawlOptions({ startUrl: `${origin}/`, retries: 0 }), 1);
});

afterAll(async () => {
  await pages.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function linksOf(path: string): Promise<string[]> {
  const visit = await pages.visit(`${origin}${path}`);
  expect(visit.record.status).toBe(200);
  return visit.found;
}

describe('a page is decoded in the encoding a browser would pick', () => {
  it.each([
    ['a UTF-8 byte order mark', '/bom-utf8', CAFE_PATH],
    ['a UTF-16LE byte order mark', '/bom-utf16le', JAPAN_PATH],
    ['a UTF-16BE byte order mark', '/bom-utf16be', JAPAN_PATH],
    ['the Content-Type charset (ISO-8859-1, which means windows-1252)', '/header-latin1', CAFE_PATH],
    ['a quoted Content-Type charset', '/header-quoted', CAFE_PATH],
    ['<meta charset> in the first 1024 bytes', '/meta-charset', CAFE_PATH],
    ['<meta http-equiv="content-type"> after a comment', '/meta-http-equiv', CAFE_PATH],
    ['a byte order mark over the Content-Type charset', '/bom-beats-header', CAFE_PATH],
    ['the Content-Type charset over <meta charset>', '/header-beats-meta', CAFE_PATH],
    ['UTF-8 when the only <meta> is past the first 1024 bytes', '/meta-after-1024-bytes', CAFE_PATH],
    ['UTF-8 for a <meta> that claims UTF-16 (ASCII bytes cannot be UTF-16)', '/meta-utf16-means-utf8', CAFE_PATH],
    ['UTF-8 when nothing declares an encoding', '/undeclared', CAFE_PATH],
  ])('%s', async (_what, path, expected) => {
    expect(await linksOf(path)).toEqual([`${origin}${expected}`]);
  });
});
