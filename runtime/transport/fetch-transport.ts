import { ConfigurationError, ResponseTooLargeError } from '../errors.js';
import { INSPECT } from '../contract/inspect-symbol.js';
import { HttpEndpoint, type HttpTransportOptions, type Stage } from './http-endpoint.js';
import { registerSecret } from './redact.js';
import type { Transport, TransportRequest } from './transport.js';

/** The part of the WHATWG `fetch` that `FetchTransport` uses (typed here: no DOM or Node types needed). */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** What `FetchTransport` passes to `fetch`. */
export interface FetchInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** Never send cookies: the API key authenticates. */
  credentials: 'omit';
}

/** What `FetchTransport` reads of a `Response`. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: { getReader(): FetchBodyReader } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `ReadableStreamDefaultReader` of the body's bytes. */
export interface FetchBodyReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/** Options of `FetchTransport`. */
export interface FetchTransportOptions extends HttpTransportOptions {
  /** The `fetch` to call (default `globalThis.fetch`, looked up at each request). */
  readonly fetch?: FetchFunction | undefined;
}

/**
 * `Transport` over the standard `fetch` (browsers, Deno, Bun, workers, Node): the same contract as
 * `UndiciTransport` — `POST {serverUrl}/api`, a whole-request timeout, `AbortSignal`s,
 * `maxResponseBytes` (checked while the body streams in), typed errors that never hold the API
 * key — without undici or any Node built-in. It is the browser entry's default transport.
 *
 * @example
 * const transport = new FetchTransport({ serverUrl, apiUser, apiKey });
 * await transport.send({ operations: [{ action: 'query', expression: 'select name from Project' }] });
 */
export class FetchTransport implements Transport {
  readonly #endpoint: HttpEndpoint;
  readonly #fetch: FetchFunction | undefined;
  readonly #releaseSecret: () => void;
  #closed = false;

  constructor(options: FetchTransportOptions) {
    this.#endpoint = new HttpEndpoint(options);
    this.#fetch = options.fetch;
    this.#releaseSecret = registerSecret(options.apiKey);
  }

  /** `POST http://host/api`: where requests go (no credentials). */
  get endpoint(): string {
    return this.#endpoint.where;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async send(request: TransportRequest): Promise<unknown[]> {
    const endpoint = this.#endpoint;
    if (this.closed) throw endpoint.closedError();
    if (request.signal?.aborted) throw endpoint.failure(request.signal.reason, request.signal, false, 'unsent', false);
    // Called as a plain function: a browser's fetch throws "Illegal invocation" with another `this`.
    const fetch = this.#fetch ?? globalFetch();
    const clock = endpoint.start(request.signal);
    let status: number;
    let text: string;
    let stage: Stage = 'waiting';
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: endpoint.headers(),
        body: JSON.stringify(request.operations),
        signal: clock.signal,
        credentials: 'omit',
      });
      stage = 'reading';
      status = response.status;
      text = await this.#readBody(response, status);
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      throw endpoint.failure(error, request.signal, clock.timedOut(), stage, this.closed, inPage() ? CORS_HINT : '');
    } finally {
      clock.stop();
    }
    return endpoint.interpret(request, status, text);
  }

  /** Nothing to release (the platform pools connections); later `send` calls reject. Idempotent. */
  close(): Promise<void> {
    if (!this.#closed) this.#releaseSecret();
    this.#closed = true;
    return Promise.resolve();
  }

  /**
   * The body as UTF-8 text, read chunk by chunk: a `content-length` above `maxResponseBytes` is
   * refused before reading, and reading stops (the stream is cancelled) once the limit is passed.
   */
  async #readBody(response: FetchResponse, status: number): Promise<string> {
    const endpoint = this.#endpoint;
    const limit = endpoint.maxResponseBytes;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const reader = response.body?.getReader();
    if (Number.isFinite(declared) && declared > limit) {
      await reader?.cancel().catch(() => undefined);
      throw endpoint.tooLarge(status, { declaredBytes: declared });
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (reader === undefined) {
      // No stream (some fetch implementations): the whole body, checked after the fact.
      const whole = new Uint8Array(await response.arrayBuffer());
      if (whole.length > limit) throw endpoint.tooLarge(status, { receivedBytes: whole.length });
      chunks.push(whole);
      received = whole.length;
    } else {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        received += next.value.length;
        if (received > limit) {
          await reader.cancel().catch(() => undefined);
          throw endpoint.tooLarge(status, { receivedBytes: received });
        }
        chunks.push(next.value);
      }
    }
    try {
      return decodeUtf8(chunks, received);
    } catch {
      throw endpoint.tooLarge(status, { receivedBytes: received, beyondStringLength: true });
    }
  }

  [INSPECT](): string {
    return `FetchTransport { endpoint: '${this.#endpoint.where}', closed: ${this.closed} }`;
  }
}

/** A page cannot tell a CORS refusal from an unreachable server: `fetch` fails the same way. */
const CORS_HINT = " In a web page, a server that does not allow this page's origin (CORS) fails the same way.";

/** True in a web page (a `document` exists). */
function inPage(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
}

/** `globalThis.fetch`, looked up when sending (a test or polyfill may install it later). */
function globalFetch(): FetchFunction {
  const fetch = (globalThis as { fetch?: FetchFunction }).fetch;
  if (typeof fetch !== 'function') throw new ConfigurationError('There is no global `fetch` here: pass `fetch` to FetchTransport, or run on Node ≥ 20 or in a browser.', {});
  return fetch;
}

function decodeUtf8(chunks: readonly Uint8Array[], length: number): string {
  let bytes: Uint8Array;
  if (chunks.length === 1) bytes = chunks[0]!;
  else {
    bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
