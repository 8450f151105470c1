import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { createPageVisitor } from '../crawlers/page/visit-page.js';

let server: http.Server;
let origin: string;
const sockets = new Set<Socket>();
let connections = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const html = { 'content-type': 'text/html' };
    switch (req.url) {
      case '/links':
        return res.writeHead(200, html).end('<a href="/a">a</a><a href="b#x">b</a><a href="/a?q">again</a><a href="http://other.test/">out</a>');
      case '/moved':
        return res.writeHead(302, { location: '/links?from=moved' }).end();
      case '/offsite':
        return res.writeHead(301, { location: 'http://other.test/x' }).end();
      case '/no-location':
        return res.writeHead(302).end();
      case '/gone':
        return res.writeHead(404, html).end('<a href="/from-404">x</a>');
      case '/long-links':
        return res.writeHead(200, html).end(`<a href="/short">s</a><a href="/${'x'.repeat(3000)}">long</a><a href="/${'y'.repeat(2040)}">just over</a>`);
      case '/doc.pdf':
        return res.writeHead(200, { 'content-type': 'application/pdf' }).end('<a href="/from-pdf">x</a>');
      default:
        return res.writeHead(200, html).end('<p>leaf</p>');
    }
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function visitor(keepAlive = true) {
  return createPageVisitor(resolveCrawlOptions({ startUrl: `${origin}/`, keepAlive, retries: 0 }), 1);
}

describe('createPageVisitor', () => {
  it('returns the distinct in-scope links of a 2xx HTML page, normalized, in document order', async () => {
    const pages = visitor();
    const visit = await pages.visit(`${origin}/links`);
    expect(visit.found).toEqual([`${origin}/a`, `${origin}/b`]);
    expect(visit.record).toMatchObject({ url: `${origin}/links`, status: 200, links: 2 });
    expect(visit.record.error).toBeUndefined();
    expect(visit.requests).toBe(1);
    await pages.close();
  });

  it('records a redirect with its status and normalized target, and offers the target to the frontier', async () => {
    const pages = visitor();
    const visit = await pages.visit(`${origin}/moved`);
    expect(visit.record).toMatchObject({ status: 302, redirectTo: `${origin}/links`, links: 1 });
    expect(visit.found).toEqual([`${origin}/links`]);
    await pages.close();
  });

  it('records an off-site redirect target but does not offer it', async () => {
    const pages = visitor();
    const visit = await pages.visit(`${origin}/offsite`);
    expect(visit.record).toMatchObject({ status: 301, redirectTo: 'http://other.test/x', links: 0 });
    expect(visit.found).toEqual([]);
    const bare = await pages.visit(`${origin}/no-location`);
    expect(bare.record.redirectTo).toBeUndefined();
    await pages.close();
  });

  it('takes no links from error pages or non-HTML bodies', async () => {
    const pages = visitor();
    const gone = await pages.visit(`${origin}/gone`);
    expect(gone.record).toMatchObject({ status: 404, links: 0 });
    expect(gone.found).toEqual([]);
    const pdf = await pages.visit(`${origin}/doc.pdf`);
    expect(pdf.record).toMatchObject({ status: 200, links: 0, bytes: 25 });
    expect(pdf.found).toEqual([]);
    await pages.close();
  });

  it('reuses one connection with keep-alive, opens one per request without it', async () => {
    for (const [keepAlive, expected] of [
      [true, 1],
      [false, 3],
    ] as const) {
      const before = connections;
      const pages = visitor(keepAlive);
      for (const path of ['/x', '/y', '/z']) await pages.visit(`${origin}${path}`);
      expect(connections - before).toBe(expected);
      await pages.close();
    }
  });

  it('close() releases every socket', async () => {
    const pages = visitor();
    await pages.visit(`${origin}/x`);
    await pages.close();
    await vi.waitFor(() => expect(sockets.size).toBe(0));
  });

  it('does not follow links longer than maxUrlLength, and counts them', async () => {
    const pages = createPageVisitor(resolveCrawlOptions({ startUrl: `${origin}/`, retries: 0 }), 1);
    try {
      const visit = await pages.visit(`${origin}/long-links`);
      expect(visit.found).toEqual([`${origin}/short`]);
      expect(visit.record.links).toBe(1);
      expect(visit.skippedLongUrls).toBe(2);
    } finally {
      await pages.close();
    }
    const generous = createPageVisitor(resolveCrawlOptions({ startUrl: `${origin}/`, retries: 0, maxUrlLength: 4096 }), 1);
    try {
      expect((await generous.visit(`${origin}/long-links`)).skippedLongUrls).toBe(0);
    } finally {
      await generous.close();
    }
  });
});
