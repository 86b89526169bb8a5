import type { Operation } from '../protocol/operations.js';

/** One batch sent to `POST {serverUrl}/api`. */
export interface TransportRequest {
  /** The operations, sent as a JSON array in this order. */
  readonly operations: readonly Operation[];
  /** Aborts the request; the promise rejects with `RequestAbortedError`. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The operation a server error body is attributed to. When omitted, a batch of exactly one
   * operation attributes the error to index 0; otherwise the index stays unknown (the server's
   * error object does not say which operation failed).
   */
  readonly failingOperation?: { readonly index: number; readonly action: string } | undefined;
}

/**
 * Sends batches to an ftrack server. Resolves with the raw JSON results (one per operation, in
 * order) or rejects with a typed `ServerError` subclass; never returns an error body.
 */
export interface Transport {
  send(request: TransportRequest): Promise<unknown[]>;
  /** Releases connections; idempotent. Later `send` calls reject with `ConnectionClosedError`. */
  close(): Promise<void>;
  readonly closed: boolean;
}
