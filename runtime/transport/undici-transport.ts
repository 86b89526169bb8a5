import { inspect } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import {
  ConfigurationError,
  ConnectionClosedError,
  NetworkError,
  RequestAbortedError,
  TimeoutError,
  type ServerError,
} from '../errors.js';
import { interpretResponse } from './interpret-response.js';
import { redactError, redactText } from './redact.js';
import type { Transport, TransportRequest } from './transport.js';

/** Options of `UndiciTransport`; the session passes its own options through. */
export interface UndiciTransportOptions {
  /** e.g. `https://studio.ftrackapp.com` (a trailing slash is ignored). */
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
  /** An undici dispatcher (Agent, Pool, MockAgent…); the transport then never closes it. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Whole-request timeout in ms (default 60 000; `0` disables it). */
  readonly timeoutMs?: number | undefined;
  /** Sends `ftrack-strict-api: true` (default `false`). */
  readonly strictApi?: boolean | undefined;
  /** Extra headers; they cannot replace the authentication headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Default whole-request timeout, as the Python client. */
export const DEFAULT_TIMEOUT_MS = 60_000;

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * `Transport` over undici with keep-alive connections: `POST {serverUrl}/api`, JSON array in,
 * JSON array out, every failure a typed error. The API key lives only in a private field.
 *
 * @example
 * const transport = new UndiciTransport({ serverUrl, apiUser, apiKey });
 * await transport.send({ operations: [{ action: 'query', expression: 'select name from Project' }] });
 */
export class UndiciTransport implements Transport {
  readonly #apiKey: string;
  readonly #headers: Record<string, string>;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #origin: string;
  readonly #path: string;
  readonly #where: string;
  readonly #timeoutMs: number;
  #closing: Promise<void> | undefined;

  constructor(options: UndiciTransportOptions) {
    const url = parseServerUrl(options.serverUrl);
    this.#origin = url.origin;
    this.#path = `${url.pathname.replace(/\/+$/, '')}/api`;
    this.#where = `POST ${this.#origin}${this.#path}`;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#headers = {
      ...lowerCaseKeys(options.headers ?? {}),
      'content-type': 'application/json',
      accept: 'application/json',
      'ftrack-user': options.apiUser,
      'ftrack-api-key': options.apiKey,
      'ftrack-strict-api': options.strictApi === true ? 'true' : 'false',
    };
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 600_000 });
  }

  /** `POST http://host/api`: where requests go (no credentials). */
  get endpoint(): string {
    return this.#where;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  async send(request: TransportRequest): Promise<unknown[]> {
    if (this.closed) throw closedError(this.#where);
    const timeout = new AbortController();
    const timer = this.#timeoutMs > 0 ? setTimeout(() => timeout.abort(), this.#timeoutMs) : undefined;
    const signal = request.signal ? anySignal(request.signal, timeout.signal) : timeout.signal;
    let status: number;
    let text: string;
    try {
      const response = await this.#dispatcher.request({
        origin: this.#origin,
        path: this.#path,
        method: 'POST',
        headers: this.#headers,
        body: JSON.stringify(request.operations),
        signal,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw this.#failure(error, request.signal, timeout.signal.aborted);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    return interpretResponse({
      where: this.#where,
      status,
      text,
      actions: request.operations.map((operation) => operation.action),
      failingOperation: request.failingOperation,
      secret: this.#apiKey,
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#ownsDispatcher ? this.#dispatcher.close().catch(() => undefined) : Promise.resolve();
    return this.#closing;
  }

  #failure(error: unknown, userSignal: AbortSignal | undefined, timedOut: boolean): ServerError | ConnectionClosedError {
    const cause = redactError(error, this.#apiKey);
    if (userSignal?.aborted) {
      return new RequestAbortedError(`The request ${this.#where} was aborted by its AbortSignal.`, { exception: 'AbortError', content: 'Request aborted' }, { cause: redactError(userSignal.reason, this.#apiKey) });
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (timedOut || (typeof code === 'string' && TIMEOUT_CODES.has(code))) {
      return new TimeoutError(
        `No complete answer from ${this.#where} within ${this.#timeoutMs} ms; raise \`timeoutMs\` for slow servers.`,
        { exception: 'TimeoutError', content: 'Request timed out' },
        { cause },
      );
    }
    if (this.closed) return closedError(this.#where);
    const reason = redactText(error instanceof Error ? error.message : String(error), this.#apiKey);
    return new NetworkError(
      `Could not reach the ftrack server (${this.#where}): ${reason}. Check the server URL and your network.`,
      { exception: 'NetworkError', content: reason },
      { cause },
    );
  }

  [inspect.custom](): string {
    return `UndiciTransport { endpoint: '${this.#where}', closed: ${this.closed} }`;
  }
}

/** Aborts when either signal does (`AbortSignal.any` where available, Node ≥ 20.3). */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

function closedError(where: string): ConnectionClosedError {
  return new ConnectionClosedError(`The session is closed; nothing was sent to ${where}. Create a new Session.`, { cause: { where } });
}

function parseServerUrl(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch (cause) {
    throw new ConfigurationError(`serverUrl "${serverUrl}" is not a valid URL (expected e.g. https://studio.ftrackapp.com).`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`serverUrl must use http or https, got "${url.protocol}".`, { cause: { serverUrl: url.origin } });
  }
  url.username = '';
  url.password = '';
  return url;
}

function checkTimeout(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new ConfigurationError(`timeoutMs must be a non-negative number of milliseconds, got ${timeoutMs}.`, { cause: { timeoutMs } });
  }
  return timeoutMs;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
