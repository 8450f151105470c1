import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage } from '../crawlers/page/fetch-page.js';
import { createHttpClient } from '../crawlers/page/http-client.js';

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
const options = { timeoutMs: 2000, retries: 0, maxBodyBytes: 10_000 };
const seen: { connection?: string; host?: string }[] = [];
const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
  seen.push({ connection: req.headers.connection, host: req.headers.host });
  res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
};

let plain: http.Server;
let secure: https.Server;
let plainPort: number;
let securePort: number;
let ipv6: boolean;

beforeAll(async () => {
  plain = http.createServer(answer);
  secure = https.createServer({ key: readFileSync(new URL('server-key.pem', TLS_DIR)), cert: readFileSync(new URL('server-cert.pem', TLS_DIR)) }, answer);
  // Dual-stack where the machine has IPv6, so one server answers 127.0.0.1 and [::1].
  ipv6 = await new Promise<boolean>((resolve) => {
    plain.once('error', () => resolve(false));
    plain.listen(0, '::', () => resolve(true));
  });
  if (!ipv6) await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainPort = (plain.address() as AddressInfo).port;
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  securePort = (secure.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const server of [plain, secure]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('createHttpClient', () => {
  it('says Connection: close on every request without keep-alive, and nothing of the kind with it', async () => {
    for (const keepAlive of [false, true]) {
      const client = createHttpClient({ connections: 1, keepAlive });
      seen.length = 0;
      await fetchPage(client, `http://127.0.0.1:${plainPort}/`, options);
      await fetchPage(client, `http://127.0.0.1:${plainPort}/again`, options);
      expect(seen.map((request) => request.connection)).toEqual(keepAlive ? ['keep-alive', 'keep-alive'] : ['close', 'close']);
      client.close();
    }
  });

  it('reaches an IPv6 literal origin', async (context) => {
    if (!ipv6) context.skip();
    const client = createHttpClient({ connections: 1, keepAlive: true });
    const page = await fetchPage(client, `http://[::1]:${plainPort}/`, options);
    client.close();
    expect(page).toMatchObject({ status: 200, html: '<p>ok</p>' });
    expect(seen.at(-1)?.host).toBe(`[::1]:${plainPort}`);
  });

  it('refuses an untrusted certificate, trusts it through the given CA or when told to accept any', async () => {
    const url = `https://127.0.0.1:${securePort}/`;
    const untrusted = createHttpClient({ connections: 1, keepAlive: true });
    expect(await fetchPage(untrusted, url, options)).toMatchObject({ status: 0, error: 'tls' });
    untrusted.close();
    const withCa = createHttpClient({ connections: 1, keepAlive: true, ca: readFileSync(new URL('ca.pem', TLS_DIR), 'utf8') });
    const insecure = createHttpClient({ connections: 1, keepAlive: true, insecure: true });
    for (const client of [withCa, insecure]) {
      expect(await fetchPage(client, url, options)).toMatchObject({ status: 200, html: '<p>ok</p>' });
      client.close();
    }
  });
});
