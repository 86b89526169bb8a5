import { RequestAbortedError } from '../errors.js';
import { redactError } from './redact.js';

/** The `RequestAbortedError` of a call whose signal aborted; `what` names the call. */
export function abortError(signal: AbortSignal, what: string): RequestAbortedError {
  return new RequestAbortedError(`${what} was aborted by its AbortSignal.`, {}, { cause: redactError(signal.reason) });
}

/** Throws `RequestAbortedError` when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortError(signal, what);
}

/**
 * `promise`, or a `RequestAbortedError` as soon as `signal` aborts (the work behind `promise`
 * is shared with other callers and goes on).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The signal of work shared by several callers (one coalesced request): it aborts only once every
 * caller that joined has aborted. A caller without a signal keeps it from ever aborting.
 */
export class SharedAbort {
  readonly #controller = new AbortController();
  readonly #listeners: [AbortSignal, () => void][] = [];
  #open = 0;
  #unstoppable = false;

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * The shared signal, or undefined once a caller without a signal joined (it can then never abort):
   * read after every `join`. Sparing the request a signal spares it the listeners and `AbortSignal.any`.
   */
  get stoppableSignal(): AbortSignal | undefined {
    return this.#unstoppable ? undefined : this.#controller.signal;
  }

  join(signal: AbortSignal | undefined): void {
    if (signal === undefined) {
      this.#unstoppable = true;
      return;
    }
    if (signal.aborted) return this.#check(signal);
    this.#open++;
    const listener = () => {
      this.#open--;
      this.#check(signal);
    };
    signal.addEventListener('abort', listener, { once: true });
    this.#listeners.push([signal, listener]);
  }

  /** Stops listening to the callers' signals (the shared work is over). */
  release(): void {
    for (const [signal, listener] of this.#listeners) signal.removeEventListener('abort', listener);
    this.#listeners.length = 0;
  }

  #check(signal: AbortSignal): void {
    if (!this.#unstoppable && this.#open === 0) this.#controller.abort(signal.reason);
  }
}
