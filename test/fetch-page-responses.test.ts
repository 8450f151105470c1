import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, type FetchPageOptions } from '../crawlers/page/fetch-page.js';
import { createHttpClient, type HttpClient } from '../crawlers/page/http-client.js';

const HTML = '<!doctype html><title>t</title><a href="/next">next</a>';
const options: FetchPageOptions = { timeoutMs: 500, retries: 2, maxBodyBytes: 1000 };

let server: http.Server;
let origin: string;
let agent: HttpClient;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const html = { 'content-type': 'text/html; charset=utf-8' };
    switch (path) {
      case '/plain':
        return res.writeHead(200, html).end(HTML);
      case '/gzip':
        return res.writeHead(200, { ...html, 'content-encoding': 'gzip' }).end(zlib.gzipSync(HTML));
      case '/br':
        return res.writeHead(200, { ...html, 'content-encoding': 'br' }).end(zlib.brotliCompressSync(HTML));
      case '/deflate':
        return res.writeHead(200, { ...html, 'content-encoding': 'deflate' }).end(zlib.deflateSync(HTML));
      case '/corrupt-gzip':
        return res.writeHead(200, { ...html, 'content-encoding': 'gzip' }).end(Buffer.from('definitely not gzip'));
      case '/latin1':
        return res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      case '/big-declared':
        return res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' }).end('x'.repeat(5000));
      case '/big-chunked':
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 10; i += 1) res.write('x'.repeat(300));
        return res.end();
      case '/gzip-bomb':
        // 100 KB of zeros compress to ~100 bytes: only the decoded size may count.
        return res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(100_000)));
      case '/pdf':
        return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 <a href="/trap">');
      case '/redirect':
        return res.writeHead(301, { location: '/plain' }).end('moved');
      case '/flaky':
        return hit === 1 ? res.writeHead(503).end('busy') : res.writeHead(200, html).end(HTML);
      case '/always-503':
        return res.writeHead(503).end('busy');
      case '/reset':
        res.writeHead(200, { ...html, 'content-length': '100' });
        res.write('<p>');
        return setTimeout(() => req.socket.destroy(), 10);
      case '/hang':
        return undefined; // never answers
      case '/trickle': {
        res.writeHead(200, html);
        const timer = setInterval(() => res.write('.'), 20);
        res.on('close', () => clearInterval(timer));
        return undefined;
      }
      default:
        return res.writeHead(404, html).end('<a href="/from-404">x</a>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = createHttpClient({ connections: 4, keepAlive: true });
});

afterAll(async () => {
  agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const fetchPath = (path: string, overrides: Partial<FetchPageOptions> = {}, signal?: AbortSignal) => fetchPage(agent, `${origin}${path}`, { ...options, ...overrides }, signal);

describe('fetchPage', () => {
  it('returns the HTML text, status, content type and decoded byte count', async () => {
    const page = await fetchPath('/plain');
    expect(page).toMatchObject({ status: 200, html: HTML, bytes: HTML.length, requests: 1 });
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.error).toBeUndefined();
  });

  it.each(['/gzip', '/br', '/deflate'])('decodes %s bodies and counts decoded bytes', async (path) => {
    const page = await fetchPath(path);
    expect(page).toMatchObject({ status: 200, html: HTML, bytes: HTML.length });
  });

  it('reports a corrupt compressed body as a decode error', async () => {
    expect(await fetchPath('/corrupt-gzip')).toMatchObject({ status: 200, error: 'decode', requests: 1 });
  });

  it('honours the charset of the content type', async () => {
    expect((await fetchPath('/latin1')).html).toBe('café');
  });

  it('rejects a body whose declared length passes the cap without reading it', async () => {
    expect(await fetchPath('/big-declared')).toMatchObject({ status: 200, error: 'too-large', requests: 1 });
  });

  it('reports a chunked body past the cap as too-large', async () => {
    const page = await fetchPath('/big-chunked');
    expect(page).toMatchObject({ status: 200, error: 'too-large', requests: 1 });
    expect(page.bytes).toBeGreaterThan(1000);
  });

  it('applies the cap to decoded bytes (compression bombs)', async () => {
    expect(await fetchPath('/gzip-bomb')).toMatchObject({ status: 200, error: 'too-large' });
  });

  it('counts but does not return non-HTML bodies', async () => {
    const page = await fetchPath('/pdf');
    expect(page).toMatchObject({ status: 200, contentType: 'application/pdf', bytes: 25 });
    expect(page.html).toBeUndefined();
  });

  it('does not follow redirects and returns the Location', async () => {
    expect(await fetchPath('/redirect')).toMatchObject({ status: 301, location: '/plain', requests: 1 });
  });

  it('retries a 503 and succeeds, counting both requests', async () => {
    expect(await fetchPath('/flaky')).toMatchObject({ status: 200, html: HTML, requests: 2 });
  });

  it('gives up after `retries` extra attempts and keeps the last status', async () => {
    const page = await fetchPath('/always-503', { retries: 2 });
    expect(page).toMatchObject({ status: 503, requests: 3 });
    expect(page.error).toBeUndefined();
  });

  it('retries a reset connection, then reports reset with the status that arrived', async () => {
    expect(await fetchPath('/reset', { retries: 1 })).toMatchObject({ status: 200, error: 'reset', requests: 2 });
  });

  it('does not retry a timeout (no headers)', async () => {
    expect(await fetchPath('/hang', { timeoutMs: 200 })).toMatchObject({ status: 0, error: 'timeout', requests: 1 });
  });

  it('times out a body that trickles forever, whatever the idle timer says', async () => {
    expect(await fetchPath('/trickle', { timeoutMs: 300 })).toMatchObject({ status: 200, error: 'timeout', requests: 1 });
  });

  it('reports refused connections after retrying them', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const page = await fetchPage(agent, `http://127.0.0.1:${port}/`, { ...options, retries: 1 });
    expect(page).toMatchObject({ status: 0, error: 'refused', requests: 2 });
  });

  it('ends at once with error aborted when the signal fires', async () => {
    const controller = new AbortController();
    const pending = fetchPath('/hang', { timeoutMs: 10_000 }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ status: 0, error: 'aborted' });
  });

  it('does not send anything when the signal is already aborted', async () => {
    const before = hits.get('/plain') ?? 0;
    const page = await fetchPath('/plain', {}, AbortSignal.abort());
    expect(page).toMatchObject({ error: 'aborted' });
    expect(hits.get('/plain') ?? 0).toBe(before);
  });

  it('returns 404 as a status, not an error', async () => {
    const page = await fetchPath('/missing');
    expect(page).toMatchObject({ status: 404, requests: 1 });
    expect(page.error).toBeUndefined();
  });
});
