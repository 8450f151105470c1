/** A forwarding proxy that observes what a crawler really does on the wire. */
import { createServer as createHttpServer, request as httpRequest, Agent as HttpAgent } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** An HTTP proxy in front of an `http:` origin that counts concurrent requests and open client sockets. */
export interface CountingProxy {
  /** Crawl this origin instead of the target's. */
  origin: string;
  /** Most requests being served at once so far. */
  readonly maxConcurrentRequests: number;
  /** Client connections currently open (the crawler's sockets). */
  readonly openSockets: number;
  /** Every request path, in arrival order. */
  readonly requestedPaths: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 forwarding every request to `targetOrigin` (an `http:` origin).
 * `onRequest` sees each path as it arrives, e.g. to abort a crawl at a precise moment.
 */
export async function startCountingProxy(targetOrigin: string, onRequest?: (path: string) => void): Promise<CountingProxy> {
  const upstreamAgent = new HttpAgent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const requestedPaths: string[] = [];
  let active = 0;
  let maxConcurrentRequests = 0;
  const server = createHttpServer((req, res) => {
    const path = req.url ?? '/';
    active += 1;
    maxConcurrentRequests = Math.max(maxConcurrentRequests, active);
    requestedPaths.push(path);
    res.once('close', () => (active -= 1));
    const upstream = httpRequest(`${targetOrigin}${path}`, { method: req.method, headers: req.headers, agent: upstreamAgent }, (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
      response.once('error', () => res.destroy());
    });
    upstream.once('error', () => res.destroy());
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
    onRequest?.(path);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get maxConcurrentRequests() {
      return maxConcurrentRequests;
    },
    get openSockets() {
      return sockets.size;
    },
    requestedPaths,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        upstreamAgent.destroy();
      }),
  };
}
