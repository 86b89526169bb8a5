import { EventHubConnectionError, EventHubTimeoutError } from '../errors.js';
import { excerpt, redactText } from '../transport/redact.js';
import { HEARTBEAT_PACKET, decodePacket, eventOfPacket } from '../protocol/socket-io-packet.js';
import { parseHandshake } from './socket-io-packet.js';

/** The members of a WebSocket the hub uses (the standard `WebSocket` of browsers and undici). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket constructor: `globalThis.WebSocket` in browsers, undici's `WebSocket` on Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The `fetch` the handshake is sent with (`globalThis.fetch` by default). */
export type HandshakeFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** What a `HubSocket` needs to open a connection. */
export interface HubSocketOptions {
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
  readonly WebSocket: WebSocketConstructor;
  readonly fetch: HandshakeFetch;
  readonly timeoutMs: number;
  /** Close when no frame arrives for this long; default: the handshake's heartbeat timeout. */
  readonly heartbeatTimeoutMs: number | undefined;
}

/** What the socket tells its owner. */
export interface HubSocketListener {
  event(event: Record<string, unknown>): void;
  /** The connection ended without `close()` being called. */
  lost(reason: string): void;
}

const OPEN = 1;

/**
 * One socket.io 0.9 connection to the event server: the handshake (`GET /socket.io/1/` with the
 * credentials in `ftrack-user` / `ftrack-api-key` headers), the WebSocket
 * `/socket.io/1/websocket/<sid>`, heartbeats answered, event packets decoded, and a watchdog
 * that drops a connection silent for longer than the heartbeat timeout.
 */
export class HubSocket {
  #socket: WebSocketLike | undefined;
  #closed = false;
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  #silenceMs = 60_000;

  constructor(
    private readonly options: HubSocketOptions,
    private readonly listener: HubSocketListener,
  ) {}

  get open(): boolean {
    return !this.#closed && this.#socket?.readyState === OPEN;
  }

  /** Handshake and WebSocket; resolves once the socket is open. */
  async connect(): Promise<void> {
    const { timeoutMs } = this.options;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const { sid, heartbeatSeconds } = await this.#handshake(abort.signal);
      this.#silenceMs = this.options.heartbeatTimeoutMs ?? heartbeatSeconds * 1000;
      await this.#openSocket(sid, abort.signal);
    } catch (error) {
      if (abort.signal.aborted && !(error instanceof EventHubConnectionError)) {
        throw new EventHubTimeoutError(`Connecting to the event server at ${this.#origin()} took longer than ${timeoutMs} ms.`, timeoutMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  send(frame: string): boolean {
    if (!this.open) return false;
    this.#socket!.send(frame);
    return true;
  }

  /** Closes the connection; no `lost` follows. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#watchdog);
    const socket = this.#socket;
    if (socket !== undefined) {
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = () => undefined;
      try {
        socket.close();
      } catch {
        // already closing
      }
    }
  }

  async #handshake(signal: AbortSignal): Promise<{ sid: string; heartbeatSeconds: number }> {
    const url = `${this.#origin()}/socket.io/1/`;
    let response: { status: number; text(): Promise<string> };
    let body: string;
    try {
      response = await this.options.fetch(url, {
        method: 'GET',
        headers: { 'ftrack-user': this.options.apiUser, 'ftrack-api-key': this.options.apiKey },
        signal,
      });
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw error;
      throw new EventHubConnectionError(`Could not reach the event server at ${url}: ${this.#describe(error)}.`, {}, { cause: error });
    }
    if (response.status === 401 || response.status === 403) {
      throw new EventHubConnectionError(`The event server at ${url} refused the credentials of API user "${this.options.apiUser}" (HTTP ${response.status}).`, { status: response.status });
    }
    if (response.status !== 200) {
      throw new EventHubConnectionError(`The event server at ${url} answered HTTP ${response.status}: ${excerpt(body, 80, this.options.apiKey)}`, { status: response.status });
    }
    const handshake = parseHandshake(body);
    if (handshake === undefined) {
      throw new EventHubConnectionError(`The event server at ${url} does not offer a WebSocket session (answer ${excerpt(body, 80, this.options.apiKey)}).`, { status: 200 });
    }
    return handshake;
  }

  #openSocket(sid: string, signal: AbortSignal): Promise<void> {
    const url = `${this.#origin().replace(/^http/, 'ws')}/socket.io/1/websocket/${encodeURIComponent(sid)}`;
    return new Promise<void>((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new this.options.WebSocket(url);
      } catch (error) {
        reject(new EventHubConnectionError(`Could not open the event WebSocket: ${this.#describe(error)}.`, {}, { cause: error }));
        return;
      }
      this.#socket = socket;
      let opened = false;
      const onAbort = () => {
        socket.onerror = () => undefined;
        socket.onclose = null;
        try {
          socket.close();
        } catch {
          // not open yet
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      socket.onopen = () => {
        signal.removeEventListener('abort', onAbort);
        opened = true;
        if (this.#closed) {
          socket.close();
          reject(new EventHubConnectionError('The event hub was disconnected while connecting.'));
          return;
        }
        this.#resetWatchdog();
        resolve();
      };
      socket.onmessage = (message) => {
        if (typeof message.data === 'string') this.#frame(message.data);
      };
      socket.onerror = () => undefined; // a close event follows
      socket.onclose = () => {
        signal.removeEventListener('abort', onAbort);
        if (!opened) reject(new EventHubConnectionError(`The event server refused the WebSocket ${redactText(url, this.options.apiKey)}.`));
        else this.#lose('the WebSocket closed');
      };
    });
  }

  #frame(frame: string): void {
    this.#resetWatchdog();
    const packet = decodePacket(frame);
    if (packet === undefined) return; // not a socket.io packet: ignored
    switch (packet.type) {
      case '2':
        this.send(HEARTBEAT_PACKET);
        break;
      case '5': {
        const event = eventOfPacket(packet.data);
        if (event !== undefined) this.listener.event(event);
        break;
      }
      case '0':
        this.#lose('the event server disconnected');
        break;
      case '7':
        this.#lose(`the event server reported an error (${excerpt(packet.data, 80, this.options.apiKey)})`);
        break;
      default:
        break; // connect, message, json, ack: nothing to do
    }
  }

  #resetWatchdog(): void {
    clearTimeout(this.#watchdog);
    if (this.#closed) return;
    this.#watchdog = setTimeout(() => this.#lose(`no frame from the event server for ${this.#silenceMs} ms`), this.#silenceMs);
    (this.#watchdog as { unref?: () => void }).unref?.();
  }

  #lose(reason: string): void {
    if (this.#closed) return;
    this.close();
    this.listener.lost(reason);
  }

  #origin(): string {
    const url = new URL(this.options.serverUrl);
    return `${url.protocol}//${url.host}`;
  }

  #describe(error: unknown): string {
    const text = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
    return redactText(text, this.options.apiKey);
  }
}
