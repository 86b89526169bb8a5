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
import { redactError, redactText } from './redact.js';
import { displayServerUrl } from './server-url.js';
import type { TransportRequest } from './transport.js';

/** Options every HTTP transport takes; the session passes its own options through. */
export interface HttpTransportOptions {
  /** e.g. `https://studio.ftrackapp.com` (a trailing slash is ignored). */
  readonly serverUrl: string;
  readonly apiUser: string;
  readonly apiKey: string;
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
export type Stage = 'unsent' | 'waiting' | 'reading';
const STAGES: Readonly<Record<Stage, string>> = {
  unsent: 'before it was sent (nothing was sent)',
  waiting: 'before the answer arrived',
  reading: 'while reading the answer',
};

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** One request's signal: the caller's and the whole-request timeout's. */
export interface RequestClock {
  readonly signal: AbortSignal;
  readonly timedOut: () => boolean;
  /** Stops the timer. */
  readonly stop: () => void;
}

/**
 * What every HTTP transport shares: the checked options, the request headers (the API key lives
 * only in private fields), the timer, and the typed errors of each failure. The transports add
 * the sending and reading.
 */
export class HttpEndpoint {
  /** `http://host/prefix/api`, without credentials. */
  readonly url: string;
  readonly origin: string;
  readonly path: string;
  /** `POST http://host/api`: where requests go, for messages. */
  readonly where: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly #apiKey: string;
  readonly #headers: Readonly<Record<string, string>>;

  constructor(options: HttpTransportOptions) {
    const url = parseServerUrl(options.serverUrl, options.apiKey);
    this.origin = url.origin;
    this.path = `${url.pathname.replace(/\/+$/, '')}/api`;
    this.url = `${this.origin}${this.path}`;
    this.where = `POST ${this.url}`;
    this.#apiKey = options.apiKey;
    this.timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.maxResponseBytes = checkMaxBytes(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    this.#headers = {
      ...lowerCaseKeys(options.headers ?? {}),
      'content-type': 'application/json',
      accept: 'application/json',
      'ftrack-user': options.apiUser,
      'ftrack-api-key': options.apiKey,
      'ftrack-strict-api': options.strictApi === true ? 'true' : 'false',
    };
  }

  /** The request headers, authentication included (a fresh copy). */
  headers(): Record<string, string> {
    return { ...this.#headers };
  }

  /** Starts the whole-request timer; its signal aborts on timeout or when the caller's does. */
  start(userSignal: AbortSignal | undefined): RequestClock {
    const timeout = new AbortController();
    const timer = this.timeoutMs > 0 ? setTimeout(() => timeout.abort(), this.timeoutMs) : undefined;
    return {
      signal: userSignal ? anySignal(userSignal, timeout.signal) : timeout.signal,
      timedOut: () => timeout.signal.aborted,
      stop: () => {
        if (timer !== undefined) clearTimeout(timer);
      },
    };
  }

  /** The batch results of a whole answer, or the typed error it stands for. */
  interpret(request: TransportRequest, status: number, text: string): unknown[] {
    return interpretResponse({
      where: this.where,
      status,
      text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, // a UTF-8 byte-order mark is not JSON
      actions: request.operations.map((operation) => operation.action),
      failingOperation: request.failingOperation,
      leadingOperations: request.leadingOperations ?? 0,
      secret: this.#apiKey,
    });
  }

  tooLarge(status: number, read: { declaredBytes?: number; receivedBytes?: number; beyondStringLength?: boolean }): ResponseTooLargeError {
    const size = read.declaredBytes !== undefined ? `declares ${read.declaredBytes} bytes` : `passed ${read.receivedBytes} bytes`;
    const limit = read.beyondStringLength === true ? 'more than a JavaScript string can hold' : `more than maxResponseBytes (${this.maxResponseBytes}); it was not read further`;
    return new ResponseTooLargeError(
      `The response to ${this.where} ${size}, ${limit}. ` +
        'Ask for less per request (a smaller pageSize, fewer projections) or raise `maxResponseBytes`.',
      { status },
      { cause: { maxResponseBytes: this.maxResponseBytes, ...read } },
    );
  }

  /**
   * The typed error of a request that got no whole answer; `closed`: the transport was closed
   * meanwhile; `hint`: a sentence added to a `NetworkError`'s message.
   */
  failure(error: unknown, userSignal: AbortSignal | undefined, timedOut: boolean, stage: Stage, closed: boolean, hint = ''): TransportError | ConnectionClosedError {
    const cause = redactError(error, this.#apiKey);
    if (userSignal?.aborted) {
      return new RequestAbortedError(`The request ${this.where} was aborted by its AbortSignal ${STAGES[stage]}.`, {}, { cause: redactError(userSignal.reason, this.#apiKey) });
    }
    if (timedOut) {
      return new TimeoutError(
        `No complete answer from ${this.where} within ${this.timeoutMs} ms; raise \`timeoutMs\` for slow servers (0 means no timeout).`,
        {},
        { cause },
      );
    }
    const code = errorCode(error);
    if (code !== undefined && TIMEOUT_CODES.has(code)) return new TimeoutError(`The connection to ${this.where} timed out (${code}).`, {}, { cause });
    if (closed && stage === 'unsent') return this.closedError();
    if (closed) {
      // Closed while the request was out: the server may have received it (not "nothing was sent").
      return new NetworkError(
        `The session was closed while the request ${this.where} was in flight (${STAGES[stage]}); the server may have received it.`,
        {},
        { cause },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    // fetch says only "fetch failed" / "Failed to fetch": the cause's code says why (ECONNREFUSED…).
    const reason = redactText(code !== undefined && !message.includes(code) ? `${message} (${code})` : message, this.#apiKey);
    return new NetworkError(`Could not reach the ftrack server (${this.where}): ${reason}. Check the server URL and your network.${hint}`, {}, { cause });
  }

  closedError(): ConnectionClosedError {
    return new ConnectionClosedError(`The session is closed; nothing was sent to ${this.where}. Create a new Session.`, { cause: { where: this.where } });
  }
}

/** The string `code` of an error or of its cause (Node's fetch wraps undici's errors). */
function errorCode(error: unknown): string | undefined {
  for (let link = error, depth = 0; typeof link === 'object' && link !== null && depth < 3; link = (link as { cause?: unknown }).cause, depth++) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Aborts when either signal does (`AbortSignal.any` where available). */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
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
