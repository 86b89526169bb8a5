// A tiny socket.io 0.9 event server for the client tests (not the local hub of server/events):
// handshake with header credentials, WebSocket upgrade by sid, heartbeats, routing of published
// events to connections with a matching subscription (once per connection), and test hooks.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseExpression } from '../../../runtime/protocol/parse-event-expression.js';
import { matchesExpression } from '../../../runtime/protocol/evaluate-event-expression.js';
import type { ExpressionNode } from '../../../runtime/protocol/event-expression-ast.js';

export interface FakeHubOptions {
  user?: string;
  key?: string;
  /** Heartbeat interval in ms (0: none). */
  heartbeatMs?: number;
  /** Answer the handshake with this status and body instead. */
  handshake?: (request: IncomingMessage) => { status: number; body: string } | undefined;
}

interface Connection {
  socket: WebSocket;
  subscriptions: Map<string, { node: ExpressionNode; metadata: Record<string, unknown> }>;
}

export interface FakeHub {
  url: string;
  /** Every event published by clients (meta events included), in order. */
  received: Record<string, unknown>[];
  /** Raw frames from clients. */
  frames: string[];
  handshakes: number;
  connections(): number;
  subscriptionCount(): number;
  /** Publishes an event as the server would route it. */
  publish(event: Record<string, unknown>): void;
  /** Sends a raw frame to every connection. */
  sendRaw(frame: string): void;
  /** Terminates every WebSocket (no close handshake). */
  killSockets(): void;
  /** Waits until `predicate` holds (polling). */
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const user = options.user ?? 'jane';
  const key = options.key ?? 'fake-hub-secret-key-0123456789';
  const sids = new Set<string>();
  const connections = new Set<Connection>();
  const received: Record<string, unknown>[] = [];
  const frames: string[] = [];
  let handshakes = 0;
  let counter = 0;
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith('/socket.io/1/') !== true) {
      response.writeHead(404).end();
      return;
    }
    handshakes++;
    const custom = options.handshake?.(request);
    if (custom !== undefined) {
      response.writeHead(custom.status, { 'content-type': 'text/plain' }).end(custom.body);
      return;
    }
    if (request.headers['ftrack-user'] !== user || request.headers['ftrack-api-key'] !== key) {
      response.writeHead(401, { 'content-type': 'text/plain' }).end('Invalid credentials');
      return;
    }
    const sid = `sid${++counter}`;
    sids.add(sid);
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`${sid}:60:60:websocket`);
  });
  server.on('upgrade', (request, socket, head) => {
    const sid = /^\/socket\.io\/1\/websocket\/([^/?]+)/.exec(request.url ?? '')?.[1];
    if (sid === undefined || !sids.delete(sid)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection: Connection = { socket: ws, subscriptions: new Map() };
      connections.add(connection);
      ws.send('1::');
      const heartbeat = options.heartbeatMs ? setInterval(() => ws.send('2::'), options.heartbeatMs) : undefined;
      ws.on('message', (raw) => {
        const frame = String(raw);
        frames.push(frame);
        const match = /^5:[^:]*:[^:]*:(.*)$/s.exec(frame);
        if (match === null) return;
        const message = JSON.parse(match[1]!) as { name: string; args: Record<string, unknown>[] };
        const event = message.args[0]!;
        received.push(event);
        handle(connection, event);
      });
      ws.on('close', () => {
        clearInterval(heartbeat);
        connections.delete(connection);
      });
    });
  });

  function handle(connection: Connection, event: Record<string, unknown>): void {
    const data = event.data as Record<string, unknown>;
    if (event.topic === 'ftrack.meta.subscribe') {
      const subscriber = data.subscriber as Record<string, unknown>;
      connection.subscriptions.set(String(subscriber.id), { node: parseExpression(String(data.subscription)), metadata: subscriber });
      return;
    }
    if (event.topic === 'ftrack.meta.unsubscribe') {
      connection.subscriptions.delete(String((data.subscriber as Record<string, unknown>).id));
      return;
    }
    route(event);
  }

  function route(event: Record<string, unknown>): void {
    const target = typeof event.target === 'string' && event.target !== '' ? parseExpression(event.target) : undefined;
    const frame = `5:::${JSON.stringify({ name: 'ftrack.event', args: [event] })}`;
    for (const connection of connections) {
      const hit = [...connection.subscriptions.values()].some(
        (s) => matchesExpression(s.node, event) && (target === undefined || matchesExpression(target, s.metadata)),
      );
      if (hit) connection.socket.send(frame);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    frames,
    get handshakes() {
      return handshakes;
    },
    connections: () => connections.size,
    subscriptionCount: () => [...connections].reduce((n, c) => n + c.subscriptions.size, 0),
    publish: (event) => route({ id: `server-${++counter}`, source: { id: 'server' }, target: '', inReplyToEvent: null, sent: null, data: {}, ...event }),
    sendRaw: (frame) => {
      for (const connection of connections) connection.socket.send(frame);
    },
    killSockets: () => {
      for (const connection of connections) connection.socket.terminate();
    },
    until: async (predicate, timeoutMs = 5000) => {
      const start = Date.now();
      while (!predicate()) {
        if (Date.now() - start > timeoutMs) throw new Error('fake hub: condition not reached in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      for (const connection of connections) connection.socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
