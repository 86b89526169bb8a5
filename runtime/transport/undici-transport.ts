import { Agent } from 'undici';
import { ResponseTooLargeError } from '../errors.js';
import { INSPECT } from '../contract/inspect-symbol.js';
import type { HttpDispatcher, HttpDispatchResponse } from './http-dispatcher.js';
import { HttpEndpoint, type HttpTransportOptions, type Stage } from './http-endpoint.js';
import { registerSecret } from './redact.js';
import type { Transport, TransportRequest } from './transport.js';

/** Options of `UndiciTransport`; the session passes its own options through. */
export interface UndiciTransportOptions extends HttpTransportOptions {
  /** An undici dispatcher (Agent, Pool, MockAgent…); the transport then never closes it. */
  readonly dispatcher?: HttpDispatcher | undefined;
}

/**
 * `Transport` over undici with keep-alive connections: `POST {serverUrl}/api`, JSON array in,
 * JSON array out, every failure a typed error. The API key lives only in a private field.
 *
 * @example
 * const transport = new UndiciTransport({ serverUrl, apiUser, apiKey });
 * await transport.send({ operations: [{ action: 'query', expression: 'select name from Project' }] });
 */
export class UndiciTransport implements Transport {
  readonly #endpoint: HttpEndpoint;
  readonly #dispatcher: HttpDispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #releaseSecret: () => void;
  #closing: Promise<void> | undefined;

  constructor(options: UndiciTransportOptions) {
    this.#endpoint = new HttpEndpoint(options);
    this.#ownsDispatcher = options.dispatcher === undefined;
    // Our timer is the only request timeout: undici's header/body timeouts (300 s) are off.
    this.#dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 600_000, headersTimeout: 0, bodyTimeout: 0 });
    this.#releaseSecret = registerSecret(options.apiKey);
  }

  /** `POST http://host/api`: where requests go (no credentials). */
  get endpoint(): string {
    return this.#endpoint.where;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  async send(request: TransportRequest): Promise<unknown[]> {
    const endpoint = this.#endpoint;
    if (this.closed) throw endpoint.closedError();
    if (request.signal?.aborted) throw endpoint.failure(request.signal.reason, request.signal, false, 'unsent', this.closed);
    const clock = endpoint.start(request.signal);
    let status: number;
    let text: string;
    let stage: Stage = 'waiting';
    try {
      const response = await this.#dispatcher.request({
        origin: endpoint.origin,
        path: endpoint.path,
        method: 'POST',
        headers: endpoint.headers(),
        body: JSON.stringify(request.operations),
        signal: clock.signal,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      stage = 'reading';
      status = response.statusCode;
      text = await this.#readBody(response, status);
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      throw endpoint.failure(error, request.signal, clock.timedOut(), stage, this.closed);
    } finally {
      clock.stop();
    }
    return endpoint.interpret(request, status, text);
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
  async #readBody(response: HttpDispatchResponse, status: number): Promise<string> {
    const limit = this.#endpoint.maxResponseBytes;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      response.body.destroy();
      throw this.#endpoint.tooLarge(status, { declaredBytes: declared });
    }
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limit) {
        response.body.destroy();
        throw this.#endpoint.tooLarge(status, { receivedBytes: received });
      }
      chunks.push(chunk);
    }
    try {
      return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
    } catch {
      throw this.#endpoint.tooLarge(status, { receivedBytes: received, beyondStringLength: true });
    }
  }

  [INSPECT](): string {
    return `UndiciTransport { endpoint: '${this.#endpoint.where}', closed: ${this.closed} }`;
  }
}
