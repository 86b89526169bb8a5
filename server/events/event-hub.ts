import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { toWireEvent, type WireEvent } from './envelope.js';
import { ExpressionSyntaxError, matches, parseExpression, type Expression } from './expression.js';
import { CONNECT_PACKET, HEARTBEAT_PACKET, decodePacket, encodeAck, encodeEvent, eventOfPacket } from '../../runtime/protocol/socket-io-packet.js';
import { isPlainObject } from '../../runtime/schema/normalize-property.js';
import type { EventHubOptions, HubSubscription, PublishableEvent, ServerEventHub } from './server-event-hub.js';
import { headerText } from '../http/api-options.js';

/** What the hub needs from the server: the credential check `/api` uses, and a size limit. */
export interface HubSettings extends EventHubOptions {
  /** True when `apiKey` is valid for `apiUser` (the same rule as `/api`). */
  readonly authenticate: (apiUser: string, apiKey: string) => boolean;
  readonly maxPayload: number;
}

const HANDSHAKE = '/socket.io/1/';
const WEBSOCKET = /^\/socket\.io\/1\/websocket\/([^/?]+)\/?$/;
/** A handshake's session id must be used within this time. */
const SESSION_TTL = 60_000;

interface Subscriber {
  readonly metadata: Record<string, unknown>;
  readonly subscription: string;
  readonly expression: Expression;
}

interface Connection {
  readonly sid: string;
  readonly user: string;
  readonly socket: WebSocket;
  /** Subscriber id → subscriber, in subscription order. */
  readonly subscribers: Map<string, Subscriber>;
  lastSeen: number;
}

/**
 * The local event server (spec event-hub.md §8): the socket.io 0.9 handshake `GET /socket.io/1/`
 * (credentials in `ftrack-user`/`ftrack-api-key` headers or `api_user`/`api_key` query
 * parameters; 401 otherwise), the WebSocket at `/socket.io/1/websocket/<sid>` (accepted on an
 * unused sid alone), heartbeats, `ftrack.meta.subscribe`/`unsubscribe` bookkeeping and routing of
 * every other event once per connection whose subscribers match (subscription and target).
 */
export class EventHub implements ServerEventHub {
  /** The hub's own id: `source.id` of the events the server publishes. */
  readonly id = randomUUID().replaceAll('-', '');
  private readonly sessions = new Map<string, { user: string; expires: number }>();
  private readonly connections = new Set<Connection>();
  private readonly server: WebSocketServer;
  private readonly timer: NodeJS.Timeout;
  private heartbeatsPaused = false;
  private closed = false;

  constructor(private readonly settings: HubSettings) {
    this.server = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: settings.maxPayload });
    const interval = settings.heartbeatInterval ?? 10_000;
    this.timer = setInterval(() => this.beat(), interval);
    this.timer.unref();
  }

  /** Answers the handshake (and its CORS preflight); false for any other path. */
  handleHttp(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.url?.startsWith('/socket.io/1') !== true) return false;
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname !== HANDSHAKE && url.pathname !== HANDSHAKE.slice(0, -1)) return false;
    request.resume();
    const origin = request.headers.origin;
    if (typeof origin === 'string') {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.setHeader('Vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET');
      response.setHeader('Access-Control-Allow-Headers', 'ftrack-user, ftrack-api-key, ftrack-strict-api');
      response.writeHead(204).end();
      return true;
    }
    if (request.method !== 'GET') {
      response.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain' }).end('Use GET.');
      return true;
    }
    const user = headerOrQuery(request, 'ftrack-user', url, 'api_user');
    const key = headerOrQuery(request, 'ftrack-api-key', url, 'api_key');
    if (this.closed || user === '' || !this.settings.authenticate(user, key)) {
      response.writeHead(401, { 'Content-Type': 'text/plain' }).end('The supplied API key is not valid for the supplied user.');
      return true;
    }
    const now = Date.now();
    for (const [sid, session] of this.sessions) if (session.expires < now) this.sessions.delete(sid);
    const sid = randomBytes(16).toString('hex');
    this.sessions.set(sid, { user, expires: now + SESSION_TTL });
    const timeout = Math.round((this.settings.idleTimeout ?? 60_000) / 1000);
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${sid}:${timeout}:${timeout}:websocket`);
    return true;
  }

  /** Upgrades `/socket.io/1/websocket/<sid>` for a valid unused sid; refuses anything else. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const sid = WEBSOCKET.exec(path)?.[1];
    const session = sid === undefined ? undefined : this.sessions.get(sid);
    if (sid === undefined || session === undefined || session.expires < Date.now() || this.closed) {
      const status = sid === undefined ? '404 Not Found' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.sessions.delete(sid);
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, sid, session.user));
  }

  publish(event: PublishableEvent): string {
    const wire = toWireEvent({ ...event, source: event.source ?? { id: this.id, applicationId: 'ftrack.server' } });
    if (wire === undefined) throw new TypeError('An event needs a non-empty string topic.');
    this.route(wire);
    return wire.id;
  }

  subscriptions(): HubSubscription[] {
    const out: HubSubscription[] = [];
    for (const connection of this.connections) {
      for (const subscriber of connection.subscribers.values()) {
        out.push({ connection: connection.sid, user: connection.user, subscriber: subscriber.metadata, subscription: subscriber.subscription });
      }
    }
    return out;
  }

  /** True when at least one connection has a subscriber (events built for no one are skipped). */
  get hasSubscribers(): boolean {
    for (const connection of this.connections) if (connection.subscribers.size > 0) return true;
    return false;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  disconnectAll(): void {
    for (const connection of this.connections) {
      connection.socket.terminate();
      this.connections.delete(connection);
    }
  }

  pauseHeartbeats(paused: boolean): void {
    this.heartbeatsPaused = paused;
  }

  /** Stops the heartbeat and closes every connection (server shutdown: `0::` first). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const connection of this.connections) {
      send(connection, '0::');
      connection.socket.terminate();
    }
    this.connections.clear();
    this.sessions.clear();
    this.server.close();
  }

  private accept(socket: WebSocket, sid: string, user: string): void {
    const connection: Connection = { sid, user, socket, subscribers: new Map(), lastSeen: Date.now() };
    this.connections.add(connection);
    socket.on('message', (data, isBinary) => {
      connection.lastSeen = Date.now();
      if (!isBinary) this.receive(connection, Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(toBuffers(data)).toString('utf8'));
    });
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', () => socket.terminate());
    send(connection, CONNECT_PACKET);
  }

  private receive(connection: Connection, frame: string): void {
    const packet = decodePacket(frame);
    if (packet === undefined) return;
    if (packet.type === '0') return void connection.socket.close();
    const outcome =
      packet.type === '5' ? this.handleEvent(connection, eventOfPacket(packet.data)) : packet.type === '2' ? { success: true } : { success: false, message: 'Only event packets are handled.' };
    if (packet.ackId !== undefined) send(connection, encodeAck(packet.ackId, outcome.success, outcome.message));
  }

  private handleEvent(connection: Connection, event: Record<string, unknown> | undefined): { success: boolean; message?: string } {
    if (event === undefined) return { success: false, message: 'Expected {"name": "ftrack.event", "args": [<event>]}.' };
    const wire = toWireEvent(event);
    if (wire === undefined) return { success: false, message: 'The event has no topic.' };
    if (wire.topic === 'ftrack.meta.subscribe') return this.subscribe(connection, wire.data);
    if (wire.topic === 'ftrack.meta.unsubscribe') return this.unsubscribe(connection, wire.data);
    this.route(wire);
    return { success: true };
  }

  private subscribe(connection: Connection, data: unknown): { success: boolean; message?: string } {
    const metadata = isPlainObject(data) && isPlainObject(data.subscriber) ? data.subscriber : undefined;
    const id = metadata?.id;
    if (metadata === undefined || typeof id !== 'string' || id === '') return { success: false, message: 'data.subscriber.id must be a non-empty string.' };
    if (!isPlainObject(data) || typeof data.subscription !== 'string') return { success: false, message: 'data.subscription must be a string.' };
    if (connection.subscribers.has(id)) return { success: false, message: `Subscriber ${id} is already subscribed on this connection.` };
    try {
      connection.subscribers.set(id, { metadata, subscription: data.subscription, expression: parseExpression(data.subscription) });
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) return { success: false, message: error.message };
      throw error;
    }
    return { success: true };
  }

  private unsubscribe(connection: Connection, data: unknown): { success: boolean; message?: string } {
    const id = isPlainObject(data) && isPlainObject(data.subscriber) ? data.subscriber.id : undefined;
    if (typeof id === 'string' && connection.subscribers.delete(id)) return { success: true };
    return { success: false, message: `No subscriber ${String(id)} on this connection.` };
  }

  /** Sends `event` once to every connection that has a subscriber matching it (subscription and target). */
  private route(event: WireEvent): void {
    let target: Expression | undefined;
    if (event.target !== '') {
      try {
        target = parseExpression(event.target);
      } catch {
        return;
      }
    }
    let frame: string | undefined;
    for (const connection of this.connections) {
      for (const subscriber of connection.subscribers.values()) {
        if (!matches(subscriber.expression, event)) continue;
        if (target !== undefined && !matches(target, subscriber.metadata)) continue;
        send(connection, (frame ??= encodeEvent(event)));
        break;
      }
    }
  }

  private beat(): void {
    const now = Date.now();
    const idle = this.settings.idleTimeout ?? 60_000;
    for (const connection of this.connections) {
      if (now - connection.lastSeen > idle) {
        connection.socket.terminate();
        this.connections.delete(connection);
      } else if (!this.heartbeatsPaused) send(connection, HEARTBEAT_PACKET);
    }
  }
}

function send(connection: Connection, frame: string): void {
  if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(frame);
}

function headerOrQuery(request: IncomingMessage, header: string, url: URL, parameter: string): string {
  const text = headerText(request.headers[header]);
  return text !== '' ? text : (url.searchParams.get(parameter) ?? '');
}

function toBuffers(data: Buffer | ArrayBuffer | Buffer[]): Buffer[] {
  if (Array.isArray(data)) return data;
  return [Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))];
}
