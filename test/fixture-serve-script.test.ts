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
    [['--pages', '3'], 'serve: pages must be a whole number from 30 to 1000000, got 3 [CB_INVALID_ARGUMENT]'],
    [['--pages', '0x40'], 'serve: --pages must be a number in plain decimal notation, got "0x40" [CB_INVALID_ARGUMENT]'],
    [['--latency', 'soon'], 'serve: --latency must be a number in plain decimal notation, got "soon" [CB_INVALID_ARGUMENT]'],
    [['--latency', '1e1'], 'serve: --latency must be a number in plain decimal notation, got "1e1" [CB_INVALID_ARGUMENT]'],
    [['--keep-alive', 'maybe'], 'serve: --keep-alive expects on or off, got "maybe" [CB_INVALID_ARGUMENT]'],
  ])('rejects %j with exit 2 and one line on stderr ending in its code', async (args, message) => {
    const result = await execa('node', [SERVE_SCRIPT_PATH, ...args], { reject: false, timeout: 30_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/ \[CB_[A-Z_]+\]$/);
    expect(result.stderr).toBe(message);
  });

  it('rejects an unknown flag with exit 2 and one line (util.parseArgs: no crawlbench code)', async () => {
    const result = await execa('node', [SERVE_SCRIPT_PATH, '--bogus'], { reject: false, timeout: 30_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^serve: Unknown option '--bogus'\..* \(see --help\)$/);
  });

  it('prints usage with --help', async () => {
    const result = await execa('node', [SERVE_SCRIPT_PATH, '--help'], { reject: false });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--connect-latency MS');
  });
});
