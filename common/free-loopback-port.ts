/**
 * A port the kernel just handed out on 127.0.0.1 and released again: free at that instant, and
 * closed (connections refused) until someone else binds it, which on loopback is rare enough for
 * the callers here to retry or tolerate.
 */
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
