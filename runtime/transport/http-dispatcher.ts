/**
 * The part of an undici `Dispatcher` (`Agent`, `Pool`, `MockAgent`, `ProxyAgent`…) that
 * `UndiciTransport` uses, typed structurally so that the package's public types need neither
 * undici nor `@types/node`. Any undici dispatcher fits.
 *
 * @example new Session({ dispatcher: new ProxyAgent('http://proxy:3128') }); // undici's ProxyAgent (Node entry)
 */
export interface HttpDispatcher {
  request(options: HttpDispatchOptions): Promise<HttpDispatchResponse>;
  close(): Promise<void>;
}

/** What `UndiciTransport` passes to `dispatcher.request`. */
export interface HttpDispatchOptions {
  origin: string;
  path: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  headersTimeout: number;
  bodyTimeout: number;
}

/** What `UndiciTransport` reads of the dispatcher's answer. */
export interface HttpDispatchResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown };
}
