import type { Operation } from '../protocol/operations.js';

/** One batch sent to `POST {serverUrl}/api`. */
export interface TransportRequest {
  /** The operations, sent as a JSON array in this order. */
  readonly operations: readonly Operation[];
  /** Aborts the request; the promise rejects with `RequestAbortedError`. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The operation a server error body is attributed to when the server does not say which one
   * failed. When omitted, a batch of exactly one operation (after `leadingOperations`) attributes
   * the error to index 0; otherwise the index stays unknown.
   */
  readonly failingOperation?: { readonly index: number; readonly action: string } | undefined;
  /**
   * Operations at the start of `operations` that the caller added for itself (the session's
   * `query_server_information`): a failing operation's index is counted from after them. Default 0.
   */
  readonly leadingOperations?: number | undefined;
}

/**
 * Sends batches to an ftrack server. Resolves with the raw JSON results (one per operation, in
 * order) or rejects with a typed error — a `ServerError` (the server answered with an error object)
 * or a `TransportError` (no readable ftrack answer); never returns an error body.
 */
export interface Transport {
  send(request: TransportRequest): Promise<unknown[]>;
  /** Releases connections; idempotent. Later `send` calls reject with `ConnectionClosedError`. */
  close(): Promise<void>;
  readonly closed: boolean;
}
