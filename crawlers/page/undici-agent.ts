/**
 * undici's `Agent` without undici's index module.
 *
 * `import { Agent } from 'undici'` also loads fetch, WebSocket, EventSource, the caches and the
 * mocks, and wakes Node's bundled copy of undici: ~9 MB more RSS in every process and every
 * worker thread (58 vs 50 MB right after loading, Node 20), none of it used by a crawler. So the
 * Agent and the request API are loaded from their own modules, and the API is attached to
 * `Dispatcher.prototype` exactly as undici's index.js does (`Object.assign(Dispatcher.prototype,
 * api)`), so an agent made here behaves the same as one from `undici` — and if `undici` is
 * imported as well, both share the same classes from Node's module cache.
 *
 * undici 7 has no `exports` map, so these paths are reachable; the version is pinned exactly in
 * package.json, and test/visit-page-records.test.ts checks the class is undici's exported
 * `Agent`, so an upgrade that moves a file fails a test rather than a crawl.
 */
import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

type DispatcherApi = Pick<Dispatcher, 'request' | 'stream' | 'pipeline' | 'upgrade' | 'connect'>;

export function createUndiciAgent(options: Agent.Options): Agent {
  const require = createRequire(import.meta.url);
  const AgentClass = require('undici/lib/dispatcher/agent.js') as typeof Agent;
  const DispatcherClass = require('undici/lib/dispatcher/dispatcher.js') as { prototype: Partial<DispatcherApi> };
  if (typeof DispatcherClass.prototype.request !== 'function') {
    Object.assign(DispatcherClass.prototype, require('undici/lib/api/index.js') as DispatcherApi);
  }
  return new AgentClass(options);
}
