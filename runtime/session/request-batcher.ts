import { HttpStatusError, InvalidCredentialsError, ResponseTooLargeError, ServerError } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import { SharedAbort, abortError } from '../transport/abort.js';

/** Sends one batch of operations (the session's `exchange`). */
export type BatchSender = (operations: readonly Operation[], signal: AbortSignal | undefined) => Promise<unknown[]>;

/**
 * Turns one caller's raw results into its answer. Called synchronously, in batch order, for every
 * caller of a response: `dropped` is true for a caller that aborted meanwhile (its answer is thrown
 * away; it is decoded only because later results of the same response may refer to its entities).
 */
export type BatchDecode<T> = (results: unknown[], dropped: boolean) => T;

/**
 * Actions known to only read, the ones `session.call()` may coalesce with other callers' reads.
 * Any other action (writes, and actions whose effect is not known) is sent on its own.
 */
const READ_ACTIONS: ReadonlySet<string> = new Set(['query', 'search', 'query_schemas', 'query_server_information']);

/** Whether every operation of a batch only reads. */
export function onlyReads(operations: readonly Operation[]): boolean {
  return operations.every((operation) => READ_ACTIONS.has(operation.action));
}

/** Options of the request batcher. */
export interface RequestBatcherOptions {
  /** Operations per coalesced request; a caller's own operations are never split. */
  readonly maxOperations: number;
}

interface Item {
  readonly operations: readonly Operation[];
  readonly signal: AbortSignal | undefined;
  readonly decode: BatchDecode<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** The caller's signal aborted: it was rejected; its operations are no longer sent. */
  aborted: boolean;
}

/**
 * Coalesces read operations issued in the same tick into one request (spec 1.1: a batch is a JSON
 * array in, one result per operation out) and hands each caller its own slice. A batch fails as a
 * whole on the server, so when the server refuses a coalesced request every caller's operations
 * are sent again on their own (they are reads: repeating them is safe), and each caller gets its
 * own result or its own error. A failure with no ftrack answer (network, timeout, unreadable
 * answer) reaches every caller as the same error. One caller's abort does not abort the others:
 * the request is aborted only once every caller waiting for it has aborted.
 */
export class RequestBatcher {
  readonly #send: BatchSender;
  readonly #maxOperations: number;
  #queue: Item[] = [];
  #scheduled = false;

  constructor(send: BatchSender, options: RequestBatcherOptions) {
    this.#send = send;
    this.#maxOperations = Math.max(1, options.maxOperations);
  }

  /**
   * Queues `operations` for the next coalesced request; `immediate` (an already coalesced group
   * such as the lazy loader's) joins what is waiting and sends it at once, without waiting a tick.
   */
  enqueue<T>(operations: readonly Operation[], signal: AbortSignal | undefined, decode: BatchDecode<T>, immediate = false): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal, 'The request'));
    return new Promise<T>((resolve, reject) => {
      let detach = (): void => undefined;
      const item: Item = {
        operations,
        signal,
        decode,
        aborted: false,
        resolve: (value) => (detach(), resolve(value as T)),
        reject: (error) => (detach(), reject(error)),
      };
      if (signal !== undefined) {
        const onAbort = () => {
          item.aborted = true;
          item.reject(abortError(signal, 'The request'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.#queue.push(item);
      if (immediate) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        nextTurn(() => {
          this.#scheduled = false;
          this.#flush();
        });
      }
    });
  }

  #flush(): void {
    const items = this.#queue.filter((item) => !item.aborted);
    this.#queue = [];
    let batch: Item[] = [];
    let size = 0;
    for (const item of items) {
      if (batch.length > 0 && size + item.operations.length > this.#maxOperations) {
        void this.#run(batch);
        batch = [];
        size = 0;
      }
      batch.push(item);
      size += item.operations.length;
    }
    if (batch.length > 0) void this.#run(batch);
  }

  /** Sends `batch` as one request; when the server refuses it, sends its callers' operations again, separately. */
  async #run(items: readonly Item[]): Promise<void> {
    const batch = items.filter((item) => !item.aborted);
    if (batch.length <= 1) return batch.length === 1 ? this.#alone(batch[0]!) : undefined;
    const shared = new SharedAbort();
    for (const item of batch) shared.join(item.signal);
    let results: unknown[] | undefined;
    let failure: unknown;
    try {
      results = await this.#send(
        batch.flatMap((item) => item.operations),
        shared.stoppableSignal,
      );
    } catch (error) {
      failure = error;
    } finally {
      shared.release();
    }
    if (results === undefined) {
      const live = batch.filter((item) => !item.aborted);
      if (separable(failure)) return this.#separately(live, failure);
      for (const item of live) item.reject(failure);
      return;
    }
    dispatch(batch, results);
  }

  /**
   * After a refused coalesced request: the caller whose operation the server named (the local
   * server names it; ftrack does not) goes alone and the others together again; without a name,
   * each caller goes alone.
   */
  async #separately(items: readonly Item[], error: unknown): Promise<void> {
    const failing = error instanceof ServerError ? owner(items, error.operationIndex) : undefined;
    if (failing === undefined) {
      await Promise.all(items.map((item) => this.#alone(item)));
      return;
    }
    await Promise.all([this.#alone(failing), this.#run(items.filter((item) => item !== failing))]);
  }

  async #alone(item: Item): Promise<void> {
    if (item.aborted) return;
    let results: unknown[];
    try {
      results = await this.#send(item.operations, item.signal);
    } catch (error) {
      item.reject(error);
      return;
    }
    dispatch([item], results);
  }
}

/**
 * Hands each caller its slice, decoded in batch order (a server reduces an entity's later
 * occurrences in one response to references, so earlier results are merged first). A dropped
 * caller is decoded only when a live caller follows it.
 */
function dispatch(batch: readonly Item[], results: unknown[]): void {
  let lastLive = -1;
  batch.forEach((item, i) => {
    if (!item.aborted) lastLive = i;
  });
  let offset = 0;
  batch.forEach((item, i) => {
    const slice = results.slice(offset, offset + item.operations.length);
    offset += item.operations.length;
    if (item.aborted) {
      if (i < lastLive) {
        try {
          item.decode(slice, true);
        } catch {
          // its answer is dropped: a decoding error of it concerns nobody
        }
      }
      return;
    }
    try {
      item.resolve(item.decode(slice, false));
    } catch (error) {
      item.reject(error);
    }
  });
}

/** The item whose operations hold index `index` of the coalesced request. */
function owner(items: readonly Item[], index: number | undefined): Item | undefined {
  if (index === undefined) return undefined;
  let offset = 0;
  for (const item of items) {
    if (index < offset + item.operations.length) return item;
    offset += item.operations.length;
  }
  return undefined;
}

/**
 * Whether a failure of a coalesced request may be one caller's own: the server refused an
 * operation (not the credentials, which every request would repeat), or the combined request or
 * answer was too large. Anything else (network, timeout, abort, an unreadable answer) is shared.
 */
function separable(error: unknown): boolean {
  if (error instanceof ServerError) return !(error instanceof InvalidCredentialsError);
  if (error instanceof ResponseTooLargeError) return true;
  return error instanceof HttpStatusError && error.status === 413;
}

/** Runs `callback` after the current turn's promise jobs and I/O callbacks (`setImmediate`, else a 0 ms timer). */
function nextTurn(callback: () => void): void {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') immediate(callback);
  else setTimeout(callback, 0);
}
