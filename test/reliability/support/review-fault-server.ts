import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The upstream's answer to a forwarded batch. */
export interface Upstream {
  readonly status: number;
  readonly text: string;
}

/**
 * Decides what the client gets for one write batch: `forward()` sends the batch to the local server
 * (applying it) and returns its answer; `res` is the client's response, written as the fault wants.
 */
export type FaultHandler = (forward: (rewrite?: (operations: Record<string, unknown>[]) => unknown[]) => Promise<Upstream>, res: ServerResponse, operations: { action: string }[]) => void | Promise<void>;

export interface ReviewFaultServer {
  readonly url: string;
  /** Every batch the client sent, parsed. */
  readonly batches: { action: string; [key: string]: unknown }[][];
  /** Handles the next write batch with `handler` (later write batches pass through). */
  next(handler: FaultHandler): void;
  /** Stops answering anything: every later request's connection is destroyed at once. */
  down(isDown: boolean): void;
  writes(action: string): { action: string; [key: string]: unknown }[];
  close(): Promise<void>;
}

const WRITES = new Set(['create', 'update', 'delete']);

/** A loopback proxy in front of the local server with a programmable fault for write batches. */
export async function startReviewFaultServer(target: string): Promise<ReviewFaultServer> {
  const upstream = new URL(target);
  const batches: { action: string; [key: string]: unknown }[][] = [];
  const queue: FaultHandler[] = [];
  let isDown = false;
  const server = createServer((req, res) => {
    if (isDown) return req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let operations: { action: string }[] = [];
      try {
        operations = JSON.parse(body.toString('utf8'));
      } catch {
        operations = [];
      }
      batches.push(operations);
      const forward = (rewrite?: (operations: Record<string, unknown>[]) => unknown[]) =>
        new Promise<Upstream>((resolve, reject) => {
          const sent = rewrite === undefined ? body : Buffer.from(JSON.stringify(rewrite(JSON.parse(body.toString('utf8')) as Record<string, unknown>[])));
          const headers = { ...req.headers, host: upstream.host, 'content-length': String(sent.length) };
          const out = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: 'POST', headers }, (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (c: Buffer) => parts.push(c));
            answer.on('end', () => resolve({ status: answer.statusCode ?? 502, text: Buffer.concat(parts).toString('utf8') }));
            answer.on('error', reject);
          });
          out.on('error', reject);
          out.end(sent);
        });
      const handler = operations.some((op) => WRITES.has(op.action)) ? queue.shift() : undefined;
      void (async () => {
        if (handler !== undefined) return handler(forward, res, operations);
        const answer = await forward();
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.text);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    next: (handler) => void queue.push(handler),
    down: (value) => void (isDown = value),
    writes: (action) => batches.flat().filter((op) => op.action === action),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
