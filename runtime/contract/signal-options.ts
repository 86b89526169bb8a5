/** Options of every asynchronous call that can be cancelled. */
export interface SignalOptions {
  /** Aborts the call: it rejects with `RequestAbortedError`. */
  readonly signal?: AbortSignal | undefined;
}
