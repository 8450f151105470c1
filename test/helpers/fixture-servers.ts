/** Fixture servers: start as many as a test needs, close them all in afterEach. */
import type { FixtureOptions } from '../../fixtures/fixture-options.js';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.js';

/**
 * Tracks fixture servers so a test file can close every one it started:
 * `const fixtures = fixtureServers(); afterEach(() => fixtures.closeAll());`
 * then `const server = await fixtures.start({ pages: 60 })`.
 */
export function fixtureServers(): { start: (options?: Partial<FixtureOptions>) => Promise<FixtureServer>; closeAll: () => Promise<void> } {
  const open: FixtureServer[] = [];
  return {
    start: async (options = {}) => {
      const server = await startFixtureServer(options);
      open.push(server);
      return server;
    },
    closeAll: async () => {
      await Promise.all(open.splice(0).map((server) => server.close()));
    },
  };
}
