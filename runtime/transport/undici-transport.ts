import { inspect } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import {
  ConfigurationError,
  ConnectionClosedError,
  NetworkError,
  RequestAbortedError,
  ResponseTooLargeError,
  TimeoutError,
  type TransportError,
} from '../errors.js';
import { interpretResponse } from './interpret-response.js';
import { redactError, redactText, registerSecret } from './redact.js';
import { displayServerUrl } from './server-url.js';
import type { Transport, TransportRequest } from './transport.js';

/** Options of `UndiciTransport`; the session passes its own options through. */
export interface UndiciTransportOptions {
  /** e.g. `https://studio.ftrackapp.com` (a trailing slash is ignored). */
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
  /** An undici dispatcher (Agent, Pool, MockAgent…); the transport then never closes it. */
  readonly dispatcher?: Dispatcher | undefined;
  /**
   * Whole-request timeout in ms, from sending to the last byte of the answer (default 60 000).
   * `0` means no timeout at all (undici's own header and body timeouts are disabled too).
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Largest response body accepted, in bytes (default 512 MiB). A larger answer is not read
   * further (a `content-length` above it is refused before reading) and rejects with
   * `ResponseTooLargeError`.
   */
  readonly maxResponseBytes?: number | undefined;
  /** Sends `ftrack-strict-api: true` (default `false`). */
  readonly strictApi?: boolean | undefined;
  /** Extra headers; they cannot replace the authentication headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Default whole-request timeout, as the Python client. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Default `maxResponseBytes`: 512 MiB (about the longest string V8 can hold). */
export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

/** How far a request got when it failed. */
type Stage = 'unsent' | 'waiting' | 'reading';
const STAGES: Readonly<Record<Stage, string>> = {
  unsent: 'before it was sent (nothing was sent)',
  waiting: 'before the answer arrived',
  reading: 'while reading the answer',
};

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
  readonly #maxResponseBytes: number;
  readonly #releaseSecret: () => void;
  #closing: Promise<void> | undefined;

  constructor(options: UndiciTransportOptions) {
    const url = parseServerUrl(options.serverUrl, options.apiKey);
    this.#origin = url.origin;
    this.#path = `${url.pathname.replace(/\/+$/, '')}/api`;
    this.#where = `POST ${this.#origin}${this.#path}`;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#maxResponseBytes = checkMaxBytes(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    this.#headers = {
      ...lowerCaseKeys(options.headers ?? {}),
      'content-type': 'application/json',
      accept: 'application/json',
      'ftrack-user': options.apiUser,
      'ftrack-api-key': options.apiKey,
      'ftrack-strict-api': options.strictApi === true ? 'true' : 'false',
    };
    this.#ownsDispatcher = options.dispatcher === undefined;
    // Our timer is the only request timeout: undici's header/body timeouts (300 s) are off.
    this.#dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 600_000, headersTimeout: 0, bodyTimeout: 0 });
    this.#releaseSecret = registerSecret(options.apiKey);
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
    if (request.signal?.aborted) throw this.#failure(request.signal.reason, request.signal, false, 'unsent');
    const timeout = new AbortController();
    const timer = this.#timeoutMs > 0 ? setTimeout(() => timeout.abort(), this.#timeoutMs) : undefined;
    const signal = request.signal ? anySignal(request.signal, timeout.signal) : timeout.signal;
    let status: number;
    let text: string;
    let stage: Stage = 'waiting';
    try {
      const response = await this.#dispatcher.request({
        origin: this.#origin,
        path: this.#path,
        method: 'POST',
        headers: this.#headers,
        body: JSON.stringify(request.operations),
        signal,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      stage = 'reading';
      status = response.statusCode;
      text = await this.#readBody(response, status);
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      throw this.#failure(error, request.signal, timeout.signal.aborted, stage);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    return interpretResponse({
      where: this.#where,
      status,
      text,
      actions: request.operations.map((operation) => operation.action),
      failingOperation: request.failingOperation,
      leadingOperations: request.leadingOperations ?? 0,
      secret: this.#apiKey,
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#ownsDispatcher ? this.#dispatcher.close().catch(() => undefined) : Promise.resolve();
    this.#releaseSecret();
    return this.#closing;
  }

  /**
   * The body as text, read chunk by chunk: a `content-length` above `maxResponseBytes` is refused
   * before reading, and reading stops (the connection is dropped) as soon as the limit is passed.
   */
  async #readBody(response: Dispatcher.ResponseData, status: number): Promise<string> {
    const limit = this.#maxResponseBytes;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      response.body.destroy();
      throw this.#tooLarge(status, { declaredBytes: declared });
    }
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limit) {
        response.body.destroy();
        throw this.#tooLarge(status, { receivedBytes: received });
      }
      chunks.push(chunk);
    }
    let text: string;
    try {
      text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
    } catch {
      throw this.#tooLarge(status, { receivedBytes: received, beyondStringLength: true });
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 byte-order mark is not JSON
  }

  #tooLarge(status: number, read: { declaredBytes?: number; receivedBytes?: number; beyondStringLength?: boolean }): ResponseTooLargeError {
    const size = read.declaredBytes !== undefined ? `declares ${read.declaredBytes} bytes` : `passed ${read.receivedBytes} bytes`;
    const limit = read.beyondStringLength === true ? 'more than a JavaScript string can hold' : `more than maxResponseBytes (${this.#maxResponseBytes}); it was not read further`;
    return new ResponseTooLargeError(
      `The response to ${this.#where} ${size}, ${limit}. ` +
        'Ask for less per request (a smaller pageSize, fewer projections) or raise `maxResponseBytes`.',
      { status },
      { cause: { maxResponseBytes: this.#maxResponseBytes, ...read } },
    );
  }

  #failure(error: unknown, userSignal: AbortSignal | undefined, timedOut: boolean, stage: Stage): TransportError | ConnectionClosedError {
    const cause = redactError(error, this.#apiKey);
    if (userSignal?.aborted) {
      return new RequestAbortedError(`The request ${this.#where} was aborted by its AbortSignal ${STAGES[stage]}.`, {}, { cause: redactError(userSignal.reason, this.#apiKey) });
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (timedOut) {
      return new TimeoutError(
        `No complete answer from ${this.#where} within ${this.#timeoutMs} ms; raise \`timeoutMs\` for slow servers (0 means no timeout).`,
        {},
        { cause },
      );
    }
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
      return new TimeoutError(
        `The connection to ${this.#where} timed out (${code}).`,
        {},
        { cause },
      );
    }
    if (this.closed && stage === 'unsent') return closedError(this.#where);
    if (this.closed) {
      // Closed while the request was out: the server may have received it (not "nothing was sent").
      return new NetworkError(
        `The session was closed while the request ${this.#where} was in flight (${STAGES[stage]}); the server may have received it.`,
        {},
        { cause },
      );
    }
    const reason = redactText(error instanceof Error ? error.message : String(error), this.#apiKey);
    return new NetworkError(
      `Could not reach the ftrack server (${this.#where}): ${reason}. Check the server URL and your network.`,
      {},
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

/** The URL without userinfo; messages show it without credentials (nor the key, wherever it is). */
function parseServerUrl(serverUrl: string, apiKey: string): URL {
  const shown = redactText(displayServerUrl(serverUrl), apiKey);
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch (error) {
    // The TypeError carries the raw input (credentials included): only its code is kept.
    const code = (error as { code?: unknown } | null)?.code;
    throw new ConfigurationError(`serverUrl "${shown}" is not a valid URL (expected e.g. https://studio.ftrackapp.com).`, {
      cause: { serverUrl: shown, code: typeof code === 'string' ? code : 'ERR_INVALID_URL' },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`serverUrl must use http or https, got "${redactText(url.protocol, apiKey)}".`, { cause: { serverUrl: shown } });
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

function checkMaxBytes(maxResponseBytes: number): number {
  if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes > 0) && maxResponseBytes !== Number.POSITIVE_INFINITY) {
    throw new ConfigurationError(`maxResponseBytes must be a positive whole number of bytes, got ${maxResponseBytes}.`, { cause: { maxResponseBytes } });
  }
  return maxResponseBytes;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
