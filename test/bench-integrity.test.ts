/**
 * A bench leaves nothing running and changes nothing it should not: kill -9 of the bench stops
 * its fixture server too; resuming a finished bench runs nothing and touches no file; a flag that
 * would change a resumed bench's recorded configuration is refused instead of ignored.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './helpers/eventually.js';
import { descendantsOf } from './helpers/processes.js';
import { tempDirs } from './helpers/temp-files.js';

const BENCH = fileURLToPath(new URL('../dist/scripts/bench.js', import.meta.url));
/** The smallest real bench: one configuration, one run, on the quick profile. */
const TINY = ['--profile', 'quick', '--impl', 'promise-pool', '--workers', '1', '--runs', '1', '--warmup', '0'];

/** Running, and not a zombie waiting for its new parent to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const temp = tempDirs('crawlbench-integrity-');
afterEach(temp.removeAll);
const tempDir = temp.make;

describe('a bench', () => {
  it('killed with SIGKILL leaves no fixture server running', async () => {
    const dir = await tempDir();
    const bench = spawn(process.execPath, [BENCH, ...TINY, '--latency', '50', '--out', join(dir, 'b')], { cwd: dir, stdio: 'ignore' });
    const pid = bench.pid;
    if (pid === undefined) throw new Error('bench did not start');
    let fixturePid = 0;
    await eventually(
      'the bench to start its fixture',
      () => {
        fixturePid = descendantsOf(pid).find((entry) => entry.cmdline.includes('scripts/serve.js'))?.pid ?? 0;
        return fixturePid !== 0;
      },
      20_000,
    );
    process.kill(pid, 'SIGKILL');
    // Orphaned, it is the fixture's own doing to exit (a zombie no one reaps counts as gone).
    await eventually('the orphaned fixture to exit', () => !alive(fixturePid), 10_000);
    expect(alive(fixturePid)).toBe(false);
  });

  it('resumed when it is complete runs nothing and changes no file', async () => {
    const dir = await tempDir();
    const out = join(dir, 'b');
    const first = await execa(process.execPath, [BENCH, ...TINY, '--out', out], { cwd: dir, reject: false });
    expect(first.exitCode).toBe(0);
    const history = await readFile(join(dir, 'reports', 'history.jsonl'), 'utf8');
    const before = await Promise.all(['results.json', 'results.jsonl', 'report.html'].map(async (name) => (await stat(join(out, name))).mtimeMs));
    const latestBefore = (await stat(join(dir, 'reports', 'latest'))).mtimeMs;

    const again = await execa(process.execPath, [BENCH, '--resume', out], { cwd: dir, reject: false });
    expect(again.exitCode).toBe(0);
    expect(String(again.stderr).trim()).toBe(`bench: ${out} is already complete; nothing was run or changed (its report: ${out}/report.html)`);
    expect(await readFile(join(dir, 'reports', 'history.jsonl'), 'utf8')).toBe(history);
    expect(await Promise.all(['results.json', 'results.jsonl', 'report.html'].map(async (name) => (await stat(join(out, name))).mtimeMs))).toEqual(before);
    expect((await stat(join(dir, 'reports', 'latest'))).mtimeMs).toBe(latestBefore);
  });

  it('refuses --resume with flags that its recorded configuration fixes', async () => {
    const dir = await tempDir();
    const run = await execa(process.execPath, [BENCH, '--resume', join(dir, 'b'), '--runs', '3', '--impl', 'go'], { cwd: dir, reject: false });
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).trim()).toBe('bench: --resume runs the bench with its recorded configuration; drop --impl, --runs [CB_INVALID_ARGUMENT]');
  });
});
