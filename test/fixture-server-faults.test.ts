import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { HUGE_PAGE_BYTES } from '../fixtures/fault-responses.js';
import { FIXTURE_CA_PATH } from '../fixtures/fixture-paths.js';
import { SPECIAL_PATHS } from '../fixtures/special-pages.js';
import { fixtureServers } from './helpers/fixture-servers.js';

/** Reads a body until it ends or fails; what arrived, and the error if any. */
async function drain(body: AsyncIterable<unknown>): Promise<{ bytes: number; error?: unknown }> {
  let bytes = 0;
  try {
    for await (const chunk of body) bytes += (chunk as Buffer).length;
    return { bytes };
  } catch (error) {
    return { bytes, error };
  }
}

describe('fixture fault pages (faults: true)', () => {
  const fixtures = fixtureServers();
  afterEach(() => fixtures.closeAll());

  it('never sends headers on the never-answering page', async () => {
    const server = await fixtures.start({ faults: true });
    await expect(request(server.origin + SPECIAL_PATHS.never, { headersTimeout: 300 })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('sends 200 and part of the body, then closes the connection', async () => {
    const server = await fixtures.start({ faults: true });
    const response = await request(server.origin + SPECIAL_PATHS.reset);
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(8_192);
    const { bytes, error } = await drain(response.body);
    expect(error).toBeDefined();
    expect(bytes).toBe(8_192);
  });

  it('streams 11 MiB, declared in Content-Length, on the huge page', async () => {
    const server = await fixtures.start({ faults: true });
    const response = await request(server.origin + SPECIAL_PATHS.huge);
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(HUGE_PAGE_BYTES);
    const { bytes, error } = await drain(response.body);
    expect(error).toBeUndefined();
    expect(bytes).toBe(HUGE_PAGE_BYTES);
    expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('trickles bytes forever, so only an overall timeout ends the trickling page', async () => {
    const server = await fixtures.start({ faults: true });
    // An idle (between-chunks) timeout never fires: a byte comes every 50 ms.
    const response = await request(server.origin + SPECIAL_PATHS.trickle, { bodyTimeout: 400, signal: AbortSignal.timeout(1_000) });
    expect(response.statusCode).toBe(200);
    const { bytes, error } = await drain(response.body);
    expect(bytes).toBeGreaterThan(0);
    expect(error).toMatchObject({ name: expect.stringMatching(/AbortError|TimeoutError/) });
  });

  it.each([false, true])('close() returns with never-answering and trickling requests still open (tls %s)', async (tls) => {
    const server = await fixtures.start({ faults: true, tls });
    const dispatcher = new Agent({ connect: { ca: await readFile(FIXTURE_CA_PATH, 'utf8') } });
    const never = request(server.origin + SPECIAL_PATHS.never, { dispatcher }).then(
      () => 'answered',
      () => 'failed',
    );
    const trickling = await request(server.origin + SPECIAL_PATHS.trickle, { dispatcher });
    const trickled = drain(trickling.body);
    await sleep(150);
    // A hang detector, not a timing threshold: close() either returns or waits for ever.
    const outcome = await Promise.race([server.close().then(() => 'closed'), sleep(10_000).then(() => 'hung')]);
    expect(outcome).toBe('closed');
    expect(await never).toBe('failed');
    expect((await trickled).error).toBeDefined();
    await dispatcher.close();
  });
});
