import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One batch that reached the proxy, as the client sent it. */
export interface SeenBatch {
  readonly operations: { action: string; [key: string]: unknown }[];
}

/**
 * What the proxy does with the next write batch (one holding `create`, `update` or `delete`):
 * - `hold`: forwards it at once (the server applies it), answers only when `release()` is called;
 * - `hang`: forwards it, then never answers (the client times out after the server applied it);
 * - `lose`: never forwards it and never answers (the server never sees it);
 * - `garbage`: forwards it, then answers 200 with `body` instead of the server's answer;
 * - `reset`: forwards it, then destroys the connection instead of answering.
 */
export type Fault =
  | { readonly kind: 'hold' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'lose' }
  | { readonly kind: 'garbage'; readonly body: string | ((answer: string) => string) }
  | { readonly kind: 'reset' };

/** A queued fault: `arrived` resolves when its batch reached the proxy; `release` answers a `hold`. */
export interface PlannedFault {
  readonly arrived: Promise<void>;
  /** Resolves once the server has answered the batch (it is then applied on the server). */
  readonly applied: Promise<void>;
  release(): void;
}

/**
 * A loopback proxy in front of the local server that records every batch and injects faults into
 * write batches (see `Fault`); reads and other batches pass through.
 */
export interface FaultProxy {
  readonly url: string;
  readonly batches: SeenBatch[];
  /** Applies `fault` to the next write batch. */
  next(fault: Fault): PlannedFault;
  /** Operations of every batch seen so far with this action. */
  operations(action: string): { action: string; [key: string]: unknown }[];
  reset(): void;
  close(): Promise<void>;
}

const WRITES = new Set(['create', 'update', 'delete']);

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const batches: SeenBatch[] = [];
  const queue: { fault: Fault; arrived: () => void; applied: () => void; released: Promise<void> }[] = [];
  const forward = (headers: IncomingHttpHeaders, path: string, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> =>
    new Promise((resolve, reject) => {
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, path, method: 'POST', headers: { ...headers, host: upstream.host } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        let operations: SeenBatch['operations'] = [];
        try {
          operations = JSON.parse(body.toString('utf8'));
        } catch {
          operations = [];
        }
        batches.push({ operations });
        const isWrite = operations.some((op) => WRITES.has(op.action));
        const planned = isWrite ? queue.shift() : undefined;
        planned?.arrived();
        if (planned?.fault.kind === 'lose') return; // never forwarded, never answered
        const answer = await forward(incoming.headers, incoming.url ?? '/api', body);
        planned?.applied();
        if (planned === undefined) {
          outgoing.writeHead(answer.status, { 'content-type': 'application/json' });
          return outgoing.end(answer.text);
        }
        const fault = planned.fault;
        if (fault.kind === 'hang') return;
        if (fault.kind === 'reset') return outgoing.destroy();
        if (fault.kind === 'garbage') {
          outgoing.writeHead(200, { 'content-type': 'application/json' });
          return outgoing.end(typeof fault.body === 'string' ? fault.body : fault.body(answer.text));
        }
        await planned.released;
        outgoing.writeHead(answer.status, { 'content-type': 'application/json' });
        outgoing.end(answer.text);
      })().catch(() => outgoing.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    next(fault) {
      let arrived!: () => void;
      let applied!: () => void;
      let release!: () => void;
      const planned = {
        fault,
        arrived: undefined as unknown as () => void,
        applied: undefined as unknown as () => void,
        released: new Promise<void>((resolve) => (release = resolve)),
      };
      const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
      const appliedPromise = new Promise<void>((resolve) => (applied = resolve));
      planned.arrived = arrived;
      planned.applied = applied;
      queue.push(planned);
      return { arrived: arrivedPromise, applied: appliedPromise, release };
    },
    operations: (action) => batches.flatMap((batch) => batch.operations).filter((op) => op.action === action),
    reset: () => void batches.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
