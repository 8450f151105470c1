/**
 * A real thread or process worker (the bundled entry) given an `init` of another protocol version
 * dies before `ready`, saying why, instead of misreading every message that follows; with the
 * version it speaks, it answers `ready` with that version.
 */
import { describe, expect, it } from 'vitest';
import { resolveCrawlOptions } from '../crawlers/crawl-options.js';
import { createProcessTransport } from '../crawlers/supervised/process-transport.js';
import { createThreadTransport } from '../crawlers/supervised/thread-transport.js';
import { type FromWorker, WORKER_PROTOCOL_VERSION } from '../crawlers/supervised/worker-protocol.js';
import type { WorkerTransport } from '../crawlers/supervised/worker-transport.js';

const { signal, onProgress, ...options } = resolveCrawlOptions({ startUrl: 'http://127.0.0.1:1/' });

/** Starts one worker, sends it `init` of `version`, and reports its first message or its exit. */
function initWith(transport: WorkerTransport, version: number): Promise<{ message?: FromWorker; exit?: string }> {
  return new Promise((resolve) => {
    const handle = transport.spawn({
      onMessage: (message) => {
        resolve({ message });
        handle.kill();
      },
      onExit: (exit) => resolve({ exit }),
    });
    handle.send({ type: 'init', version, options });
  });
}

describe.each([
  { kind: 'thread', create: createThreadTransport },
  { kind: 'process', create: createProcessTransport },
])('a $kind worker', ({ kind, create }) => {
  it('answers ready with the version it speaks', async () => {
    expect(await initWith(create(), WORKER_PROTOCOL_VERSION)).toEqual({ message: { type: 'ready', version: WORKER_PROTOCOL_VERSION } });
  });

  it('dies before ready when the coordinator speaks another version', async () => {
    const outcome = await initWith(create(), WORKER_PROTOCOL_VERSION - 1);
    expect(outcome.message).toBeUndefined();
    // A thread's exit carries its error; a child prints it on stderr and exits with code 1.
    const refusal = `exited with code 1 (worker speaks protocol version ${WORKER_PROTOCOL_VERSION}, the coordinator sent ${WORKER_PROTOCOL_VERSION - 1}`;
    if (kind === 'thread') expect(outcome.exit).toContain(refusal);
    else expect(outcome.exit).toMatch(/exited with code 1$/);
  });
});
