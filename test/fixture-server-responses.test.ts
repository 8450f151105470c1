import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroundTruthJson } from '../fixtures/ground-truth.js';
import { SPECIAL_PATHS, TRAP_PATHS } from '../fixtures/special-pages.js';
import { fixtureServers } from './helpers/fixture-servers.js';

describe('fixture server answers', () => {
  const fixtures = fixtureServers();
  afterEach(() => fixtures.closeAll());

  it('every truth URL with the status the truth records (redirects not followed)', async () => {
    const server = await fixtures.start({ pages: 127 });
    // The flaky page's 503 comes first; its truth status is the 200 of the retry.
    const warm = await request(server.origin + SPECIAL_PATHS.flaky);
    await warm.body.dump();
    for (const page of server.truth.pages) {
      const response = await request(server.origin + page.path);
      await response.body.dump();
      expect(response.statusCode, page.path).toBe(page.status);
    }
  });

  it('answers the 503-once page with 503 first, then 200, per server', async () => {
    const first = await fixtures.start({});
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await request(first.origin + SPECIAL_PATHS.flaky);
      await response.body.dump();
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([503, 200, 200]);
    const second = await fixtures.start({});
    const again = await request(second.origin + SPECIAL_PATHS.flaky);
    await again.body.dump();
    expect(again.statusCode).toBe(503);
  });

  it('serves the redirects with Location headers, absolute or relative', async () => {
    const server = await fixtures.start({});
    const location = async (path: string): Promise<[number, string]> => {
      const response = await request(server.origin + path);
      await response.body.dump();
      return [response.statusCode, String(response.headers.location)];
    };
    expect(await location(SPECIAL_PATHS.chainStart)).toEqual([301, `${server.origin}${SPECIAL_PATHS.chainMiddle}`]);
    expect(await location(SPECIAL_PATHS.chainMiddle)).toEqual([302, SPECIAL_PATHS.chainEnd]);
    expect(await location(SPECIAL_PATHS.loopA)).toEqual([301, SPECIAL_PATHS.loopB]);
    expect(await location(SPECIAL_PATHS.loopB)).toEqual([302, 'a']);
    expect((await location(SPECIAL_PATHS.offsiteRedirect))[1]).toBe('https://127.0.0.2/elsewhere');
  });

  it('serves the PDF as application/pdf, a few KB, and 404s the trap paths', async () => {
    const server = await fixtures.start({});
    const pdf = await request(server.origin + SPECIAL_PATHS.pdf);
    const bytes = Buffer.from(await pdf.body.arrayBuffer());
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.length).toBeGreaterThan(2_000);
    expect(bytes.length).toBeLessThan(20_000);
    for (const trap of [...TRAP_PATHS, '/docs/nope-1', '/guides/one']) {
      const response = await request(server.origin + trap);
      await response.body.dump();
      expect(response.statusCode, trap).toBe(404);
    }
  });

  it('ignores the query, serves pages with or without it the same, and answers HEAD', async () => {
    const server = await fixtures.start({});
    const docs = await (await request(`${server.origin}/docs/`)).body.text();
    const withQuery = await (await request(`${server.origin}/docs/?x=1&y=2`)).body.text();
    expect(withQuery).toBe(docs);
    const head = await request(`${server.origin}/docs/`, { method: 'HEAD' });
    await head.body.dump();
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(docs));
  });

  it('serves the ground truth, unlinked, at /__truth.json', async () => {
    const server = await fixtures.start({ pages: 200, faults: true });
    const response = await request(`${server.origin}/__truth.json`);
    const json = (await response.body.json()) as GroundTruthJson;
    expect(json).toEqual({ pageCount: 200, bfsDepth: server.truth.bfsDepth, pages: server.truth.pages });
    expect(json.pages.some((page) => page.path === '/__truth.json')).toBe(false);
  });

  it('reports a busy port as an InvalidArgumentError', async () => {
    const server = await fixtures.start({});
    await expect(fixtures.start({ port: server.options.port })).rejects.toThrow(/already in use/);
  });
});
