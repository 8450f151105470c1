/**
 * `npm run serve` as a user runs it: the compiled script (`npm run build` first; `npm test` does).
 */
import { execa } from 'execa';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVE_SCRIPT_PATH } from '../fixtures/fixture-paths.js';
import { spawnServeScript, type ServeProcess } from '../fixtures/serve-process.js';

describe('npm run serve', () => {
  let running: ServeProcess | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('prints one JSON line when ready, serves, and exits 0 on SIGTERM', async () => {
    running = await spawnServeScript(['--pages', '300', '--seed', '4', '--latency', '5', '--faults']);
    const { ready } = running;
    expect(ready).toMatchObject({ pages: 300, seed: 4, latencyMs: 5, faults: true, keepAlive: true, tls: false });
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(ready.url).toBe(`${ready.origin}/`);
    expect(ready.bfsDepth).toBeGreaterThan(0);
    const home = await request(ready.url);
    await home.body.dump();
    expect(home.statusCode).toBe(200);
    const truth = await request(ready.truthUrl);
    expect(((await truth.body.json()) as { pageCount: number }).pageCount).toBe(300);

    const { child } = running;
    const exitCode = await running.stop();
    expect(exitCode).toBe(0);
    expect(child.signalCode).toBeNull();
  });

  it('exits 0 on SIGINT too, and advertises the CA with --tls', async () => {
    running = await spawnServeScript(['--tls', '--keep-alive', 'off']);
    expect(running.ready.origin).toMatch(/^https:/);
    expect(running.ready.keepAlive).toBe(false);
    expect(running.ready.caPath).toMatch(/fixtures\/tls\/ca\.pem$/);
    const exited = new Promise<number | null>((resolve) => running?.child.once('exit', resolve));
    running.child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--pages', '3'], /pages must be an integer from 30/],
    [['--latency', 'soon'], /--latency expects a number/],
    [['--keep-alive', 'maybe'], /--keep-alive expects on or off/],
  ])('rejects %j with exit 2 and one line on stderr', async (args, message) => {
    const result = await execa('node', [SERVE_SCRIPT_PATH, ...args], { reject: false, timeout: 30_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('prints usage with --help', async () => {
    const result = await execa('node', [SERVE_SCRIPT_PATH, '--help'], { reject: false });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--connect-latency MS');
  });
});
