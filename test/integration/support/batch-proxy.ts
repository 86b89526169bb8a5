import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached the proxy: its operations as the client sent them. */
export interface SeenRequest {
  readonly operations: { action: string; [key: string]: unknown }[];
}

/** A held request: `arrived` resolves when it reached the proxy; `release()` lets its answer through. */
export interface HeldRequest {
  readonly arrived: Promise<void>;
  release(): void;
}

/**
 * A loopback proxy in front of the local server that records every request, and on demand holds
 * the next answer, drops the next connection, or answers errors as ftrack does (without the local
 * server's `Operation <n> failed: ` prefix, so the client cannot tell which operation failed).
 */
export interface BatchProxy {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** The server's answers, parsed, in the order they arrived (for inspection). */
  readonly answers: unknown[];
  /** Holds the answer to the next request until `release()`. */
  holdNext(): HeldRequest;
  /** Destroys the next request's connection without an answer. */
  dropNext(): void;
  /** When true, error answers lose the name of the failing operation. */
  anonymousErrors: boolean;
  reset(): void;
  close(): Promise<void>;
}

export async function startBatchProxy(target: string): Promise<BatchProxy> {
  const upstream = new URL(target);
  const requests: SeenRequest[] = [];
  const answers: unknown[] = [];
  const holds: { arrive: () => void; released: Promise<void> }[] = [];
  let drops = 0;
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
      if (drops > 0) {
        drops--;
        outgoing.socket?.destroy();
        return;
      }
      const hold = holds.shift();
      hold?.arrive();
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
        (response) => {
          const answer: Buffer[] = [];
          response.on('data', (chunk: Buffer) => answer.push(chunk));
          response.on('end', () => {
            void (hold?.released ?? Promise.resolve()).then(() => {
              let text = Buffer.concat(answer).toString('utf8');
              try {
                answers.push(JSON.parse(text));
              } catch {
                answers.push(text);
              }
              if (proxy.anonymousErrors) text = text.replace(/"content": ?"Operation \d+ failed: /, '"content": "');
              const headers = { ...response.headers };
              delete headers['content-length'];
              outgoing.writeHead(response.statusCode ?? 502, headers);
              outgoing.end(text);
            });
          });
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: BatchProxy = {
    url: `http://127.0.0.1:${port}`,
    requests,
    answers,
    anonymousErrors: false,
    holdNext() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ arrive, released });
      return { arrived, release };
    },
    dropNext: () => void drops++,
    reset: () => {
      requests.splice(0);
      answers.splice(0);
      holds.splice(0);
      drops = 0;
      proxy.anonymousErrors = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
