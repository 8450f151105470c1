import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { Client, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { fixtureServers } from './helpers/fixture-servers.js';

/** Two sequential GETs on one undici Client; how many TCP connections that took. */
async function twoRequestsOnOneClient(origin: string, init: ConstructorParameters<typeof Client>[1] = {}) {
  const client = new Client(origin, init);
  let connections = 0;
  client.on('connect', () => connections++);
  const headers: Array<Record<string, string | string[] | undefined>> = [];
  try {
    for (const path of ['/', '/docs/']) {
      const response = await client.request({ path, method: 'GET' });
      await response.body.dump();
      headers.push(response.headers);
    }
  } finally {
    await client.close();
  }
  return { connections, headers };
}

/** Milliseconds from sending a GET to the end of its body. */
async function timedGet(client: Client, path: string): Promise<number> {
  const startedAt = performance.now();
  const response = await client.request({ path, method: 'GET' });
  await response.body.dump();
  return performance.now() - startedAt;
}

// Timers may fire up to a millisecond before the wall clock says (libuv caches loop time).
const TIMER_SLACK_MS = 2;

describe('fixture network emulation', () => {
  const fixtures = fixtureServers();
  afterEach(() => fixtures.closeAll());

  it('keeps connections alive by default', async () => {
    const server = await fixtures.start({});
    const { connections, headers } = await twoRequestsOnOneClient(server.origin);
    expect(connections).toBe(1);
    expect(headers[0]?.connection).toBe('keep-alive');
  });

  it('with keepAlive off answers Connection: close and closes each connection', async () => {
    const server = await fixtures.start({ keepAlive: false });
    const { connections, headers } = await twoRequestsOnOneClient(server.origin);
    expect(headers.map((h) => h.connection)).toEqual(['close', 'close']);
    expect(connections).toBe(2);
  });

  it('serves HTTPS that verifies against the shipped CA, and fails without it', async () => {
    const server = await fixtures.start({ tls: true });
    expect(server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = await readFile(FIXTURE_CA_PATH, 'utf8');
    const { headers } = await twoRequestsOnOneClient(server.origin, { connect: { ca } });
    expect(headers[0]?.['content-type']).toMatch(/^text\/html/);
    const untrusted = new Client(server.origin);
    await expect(untrusted.request({ path: '/', method: 'GET' })).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SIGNATURE|SELF_SIGNED/) });
    await untrusted.close();
  });

  it('gzips HTML only when enabled and accepted', async () => {
    const server = await fixtures.start({ gzip: true });
    const plain = await request(`${server.origin}/docs/`);
    const plainText = await plain.body.text();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');

    const zipped = await request(`${server.origin}/docs/`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    const zippedBytes = Buffer.from(await zipped.body.arrayBuffer());
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zippedBytes.length);
    expect(zippedBytes.length).toBeLessThan(Buffer.byteLength(plainText));
    expect(gunzipSync(zippedBytes).toString('utf8')).toBe(plainText);

    const refused = await request(`${server.origin}/docs/`, { headers: { 'accept-encoding': 'gzip;q=0, br' } });
    await refused.body.dump();
    expect(refused.headers['content-encoding']).toBeUndefined();

    const off = await fixtures.start({ gzip: false });
    const notZipped = await request(`${off.origin}/docs/`, { headers: { 'accept-encoding': 'gzip' } });
    await notZipped.body.dump();
    expect(notZipped.headers['content-encoding']).toBeUndefined();
  });

  it('delays every response by at least latencyMs, jitter included', async () => {
    const server = await fixtures.start({ latencyMs: 120, jitterMs: 40 });
    const client = new Client(server.origin);
    try {
      for (const path of ['/', '/docs/', '/search', '/docs/removed']) {
        expect(await timedGet(client, path)).toBeGreaterThanOrEqual(120 - 40 - TIMER_SLACK_MS);
      }
    } finally {
      await client.close();
    }
    const steady = await fixtures.start({ latencyMs: 150 });
    const steadyClient = new Client(steady.origin);
    try {
      expect(await timedGet(steadyClient, '/')).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
      expect(await timedGet(steadyClient, '/docs/')).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
    } finally {
      await steadyClient.close();
    }
  });

  it('adds connectLatencyMs to the first response of each new connection', async () => {
    const server = await fixtures.start({ connectLatencyMs: 200 });
    for (let i = 0; i < 2; i++) {
      const client = new Client(server.origin);
      try {
        expect(await timedGet(client, '/')).toBeGreaterThanOrEqual(200 - TIMER_SLACK_MS);
      } finally {
        await client.close();
      }
    }
  });
});
