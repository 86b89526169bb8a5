import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that went through the proxy: its operations as sent. */
export interface SeenRequest {
  readonly operations: { action: string; [key: string]: unknown }[];
}

/**
 * A loopback HTTP proxy in front of the local server that counts (and keeps) every request the
 * server receives — request counts in tests and benchmarks are measured here, at the server's door.
 */
export interface CountingProxy {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests whose batch holds an operation with this action. */
  count(action?: string): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: SeenRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        requests.push({ operations: JSON.parse(body.toString('utf8')) });
      } catch {
        requests.push({ operations: [] });
      }
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (action) => (action === undefined ? requests.length : requests.filter((r) => r.operations.some((op) => op.action === action)).length),
    reset: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
