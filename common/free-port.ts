/**
 * A port the kernel just handed out on `host` and released again: free at that instant, and
 * closed (connections refused) until someone else binds it, which on a private address is rare
 * enough for the callers here to retry (Redis) or tolerate (the load-CPU probe).
 */
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
