/**
 * The supervision logic of the pool, against an in-process fake transport whose workers answer,
 * crash or hang on command, so every path (restart, requeue, crash budget, chaos, start-up failure,
 * abort, close) is exercised without threads or processes.
 */
import { describe, expect, it } from 'vitest';
import type { CrawlOptions } from '../crawlers/contract.js';
import { SUPERVISION_DEFAULTS, startSupervisedPool } from '../crawlers/supervised/supervised-pool.js';
import { type ToWorker, type VisitedMessage, WORKER_PROTOCOL_VERSION } from '../crawlers/supervised/worker-protocol.js';
import type { WorkerEvents, WorkerTransport } from '../crawlers/supervised/worker-transport.js';

interface FakeBehaviour {
  /** What a worker does with a URL: answer after a tick, die, never answer, or report a throw. */
  onVisit?: (url: string) => 'answer' | 'die' | 'hang' | 'throw';
  /** Workers (by spawn order, from 0) that die before reporting ready. */
  dieBeforeReady?: (spawnIndex: number) => boolean;
  /** The protocol version the workers report in `ready`. @default WORKER_PROTOCOL_VERSION */
  readyVersion?: number;
}

function fakeTransport(behaviour: FakeBehaviour = {}) {
  let spawned = 0;
  const live = new Set<number>();
  const visitsSeen: string[] = [];
  /** Answers every hanging visit of every live worker, as if their pages finally arrived. */
  const releasers = new Set<() => void>();
  const transport: WorkerTransport = {
    kind: 'fake',
    spawn(events: WorkerEvents) {
      const id = ++spawned;
      live.add(id);
      let dead = false;
      const die = (reason: string): void => {
        if (dead) return;
        dead = true;
        live.delete(id);
        setImmediate(() => events.onExit(reason));
      };
      const hanging = new Map<number, string>();
      releasers.add(() => {
        for (const [msgId, url] of hanging) answer(msgId, url);
        hanging.clear();
      });
      const answer = (msgId: number, _url: string, error?: 'aborted'): void => {
        const visited: VisitedMessage = {
          type: 'visited',
          id: msgId,
          status: error ? 0 : 200,
          bytes: 10,
          ms: 1,
          links: 0,
          ...(error ? { error } : {}),
          found: '',
          requests: error ? 0 : 1,
          skippedLongUrls: 0,
        };
        setImmediate(() => {
          if (!dead) events.onMessage(visited);
        });
      };
      const send = (message: ToWorker): void => {
        if (dead) return;
        if (message.type === 'init') {
          if (behaviour.dieBeforeReady?.(id - 1)) die('cannot start');
          else setImmediate(() => !dead && events.onMessage({ type: 'ready', version: behaviour.readyVersion ?? WORKER_PROTOCOL_VERSION }));
        } else if (message.type === 'visit') {
          visitsSeen.push(message.url);
          const action = behaviour.onVisit?.(message.url) ?? 'answer';
          if (action === 'die') die(`crashed on ${message.url}`);
          else if (action === 'hang') hanging.set(message.id, message.url);
          else if (action === 'throw') {
            const error = { name: 'TypeError', message: 'x is not a function', stack: 'TypeError: x is not a function\n    at visit' };
            setImmediate(() => !dead && events.onMessage({ type: 'failed', id: message.id, error }));
          } else answer(message.id, message.url);
        } else {
          const url = hanging.get(message.id);
          if (url !== undefined) answer(message.id, url, 'aborted');
        }
      };
      return { id, send, kill: () => die('killed') };
    },
  };
  const release = (): void => {
    for (const releaseWorker of releasers) releaseWorker();
  };
  return { transport, live, visitsSeen, release };
}

const options = (workers: number, signal?: AbortSignal): CrawlOptions => ({
  startUrl: 'http://127.0.0.1:1/',
  workers,
  timeoutMs: 1000,
  retries: 0,
  maxPages: 1000,
  maxBodyBytes: 1000,
  maxUrlLength: 2048,
  keepAlive: true,
  insecure: false,
  chaosMs: 0,
  hosts: 1,
  hostNetwork: 'loopback',
  killHostAfterMs: 0,
  leaseMs: 1000,
  ...(signal ? { signal } : {}),
});

const never = new AbortController().signal;

describe('supervised pool', () => {
  it('starts every worker before resolving and stops them all on close', async () => {
    const fake = fakeTransport();
    const pool = await startSupervisedPool(fake.transport, options(4));
    expect(pool.workerIds()).toHaveLength(4);
    const visits = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((url) => pool.visit(url, never)));
    expect(visits.map((v) => v.record.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(pool.restarts).toBe(0);
    await pool.close();
    expect(fake.live.size).toBe(0);
    expect(pool.workerIds()).toEqual([]);
  });

  it('replaces a worker that dies and retries its URL on another worker', async () => {
    let crashedOnce = false;
    const fake = fakeTransport({
      onVisit: (url) => {
        if (url !== 'flaky' || crashedOnce) return 'answer';
        crashedOnce = true;
        return 'die';
      },
    });
    const pool = await startSupervisedPool(fake.transport, options(2));
    const visit = await pool.visit('flaky', never);
    expect(visit.record).toMatchObject({ url: 'flaky', status: 200 });
    expect(visit.record.error).toBeUndefined();
    expect(pool.restarts).toBe(1);
    expect(pool.workerIds()).toHaveLength(2);
    await pool.close();
  });

  it('records a URL that kills every worker as worker-crashed after 3 attempts, and goes on', async () => {
    const fake = fakeTransport({ onVisit: (url) => (url === 'poison' ? 'die' : 'answer') });
    const pool = await startSupervisedPool(fake.transport, options(2));
    const [poison, fine] = await Promise.all([pool.visit('poison', never), pool.visit('fine', never)]);
    expect(poison.record).toMatchObject({ url: 'poison', status: 0, error: 'worker-crashed', links: 0 });
    expect(poison.found).toEqual([]);
    expect(fine.record).toMatchObject({ url: 'fine', status: 200 });
    expect(fake.visitsSeen.filter((url) => url === 'poison')).toHaveLength(3);
    expect(pool.restarts).toBe(3);
    expect(pool.workerIds()).toHaveLength(2);
    await pool.close();
    expect(fake.live.size).toBe(0);
  });

  it('does not count chaos kills toward the crash budget', async () => {
    const fake = fakeTransport({ onVisit: () => 'hang' });
    const limits = { ...SUPERVISION_DEFAULTS, crashAttempts: 3, chaosKillsPerUrl: 5 };
    const pool = await startSupervisedPool(fake.transport, options(1), limits);
    const pending = pool.visit('slow', never);
    // Five chaos kills in a row of the one busy worker: more than the 3 crash attempts.
    for (let kill = 0; kill < 5; kill++) {
      await waitFor(() => pool.workerIds().length === 1 && fake.visitsSeen.length === kill + 1);
      expect(pool.killRandomBusyWorker()).toBe(true);
    }
    await waitFor(() => fake.visitsSeen.length === 6);
    expect(pool.restarts).toBe(5);
    await pool.close();
    expect((await pending).record.error).toBe('aborted');
  });

  it('spares a URL chaos has killed chaosKillsPerUrl times, so the page still completes', async () => {
    const fake = fakeTransport({ onVisit: () => 'hang' });
    const pool = await startSupervisedPool(fake.transport, options(1));
    const pending = pool.visit('slow', never);
    for (let kill = 0; kill < SUPERVISION_DEFAULTS.chaosKillsPerUrl; kill++) {
      await waitFor(() => pool.workerIds().length === 1 && fake.visitsSeen.length === kill + 1);
      expect(pool.killRandomBusyWorker()).toBe(true);
    }
    await waitFor(() => fake.visitsSeen.length === 3);
    expect(pool.killRandomBusyWorker()).toBe(false);
    fake.release();
    expect((await pending).record).toMatchObject({ url: 'slow', status: 200 });
    expect(pool.restarts).toBe(2);
    await pool.close();
  });

  it('kills only busy workers for chaos', async () => {
    const fake = fakeTransport();
    const pool = await startSupervisedPool(fake.transport, options(3));
    expect(pool.killRandomBusyWorker()).toBe(false);
    expect(pool.restarts).toBe(0);
    await pool.close();
  });

  it('fails start-up with a message, leaving no worker, when a worker cannot start', async () => {
    const fake = fakeTransport({ dieBeforeReady: (index) => index === 2 });
    await expect(startSupervisedPool(fake.transport, options(4))).rejects.toThrow(/fake worker exited before it was ready: cannot start/);
    expect(fake.live.size).toBe(0);
  });

  it('refuses workers that speak another protocol version, leaving no worker', async () => {
    const fake = fakeTransport({ readyVersion: WORKER_PROTOCOL_VERSION - 1 });
    const refusal = `speaks protocol version ${WORKER_PROTOCOL_VERSION - 1}, this coordinator ${WORKER_PROTOCOL_VERSION}: run \`npm run build\``;
    await expect(startSupervisedPool(fake.transport, options(3))).rejects.toThrow(refusal);
    expect(fake.live.size).toBe(0);
  });

  it('gives up restarting when replacements keep dying before ready', async () => {
    const fake = fakeTransport({
      dieBeforeReady: (index) => index >= 2,
      onVisit: (url) => (url === 'poison' ? 'die' : 'answer'),
    });
    const pool = await startSupervisedPool(fake.transport, options(2));
    // Both workers die on poison, no replacement ever starts: the pool fails instead of spinning.
    const results = await Promise.allSettled([pool.visit('poison', never), pool.visit('other', never)]);
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
    await expect(pool.visit('later', never)).rejects.toThrow(/in a row exited before they were ready/);
    await pool.close();
    expect(fake.live.size).toBe(0);
  });

  it('rejects a visit that threw in the worker (a bug), without restarting anything', async () => {
    const fake = fakeTransport({ onVisit: (url) => (url === 'buggy' ? 'throw' : 'answer') });
    const pool = await startSupervisedPool(fake.transport, options(2));
    await expect(pool.visit('buggy', never)).rejects.toThrow(/fake worker \d+ threw while visiting buggy: TypeError: x is not a function/);
    expect(pool.restarts).toBe(0);
    expect((await pool.visit('fine', never)).record.status).toBe(200);
    await pool.close();
  });

  it('forwards an abort to the worker and resolves the visit as aborted', async () => {
    const fake = fakeTransport({ onVisit: () => 'hang' });
    const pool = await startSupervisedPool(fake.transport, options(1));
    const controller = new AbortController();
    const busy = pool.visit('hanging', controller.signal);
    const queued = pool.visit('queued', controller.signal);
    await waitFor(() => fake.visitsSeen.length === 1);
    controller.abort();
    expect((await busy).record).toMatchObject({ url: 'hanging', error: 'aborted', status: 0 });
    expect((await queued).record).toMatchObject({ url: 'queued', error: 'aborted', status: 0 });
    expect(fake.visitsSeen).toEqual(['hanging']);
    await pool.close();
  });

  it('ends pending visits as aborted on close', async () => {
    const fake = fakeTransport({ onVisit: () => 'hang' });
    const pool = await startSupervisedPool(fake.transport, options(1));
    const busy = pool.visit('busy', never);
    const queued = pool.visit('queued', never);
    await waitFor(() => fake.visitsSeen.length === 1);
    await pool.close();
    expect((await busy).record.error).toBe('aborted');
    expect((await queued).record.error).toBe('aborted');
    expect(fake.live.size).toBe(0);
  });

  it('returns early from start-up when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const fake = fakeTransport();
    const pool = await startSupervisedPool(fake.transport, options(3, controller.signal));
    expect((await pool.visit('x', controller.signal)).record.error).toBe('aborted');
    await pool.close();
    expect(fake.live.size).toBe(0);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
