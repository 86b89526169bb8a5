import { abortError } from '../transport/abort.js';

/** Retries of one PUT (a single-part upload or one part). */
export interface RetryOptions {
  /** Attempts in all, including the first; default 5. */
  readonly attempts?: number;
  /** Wait before the first retry, in ms; doubled for each next one (plus up to 25 % jitter). Default 500. */
  readonly baseMs?: number;
  /** Longest wait between attempts, in ms; default 30 000. */
  readonly maxMs?: number;
}

/** An attempt's failure and whether trying again may help. */
export interface AttemptFailure {
  readonly error: unknown;
  readonly retryable: boolean;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the attempts are used up; waits with
 * exponential back-off in between. An abort of `signal` ends it at once with `RequestAbortedError`.
 * `attempt` returns its value or an `AttemptFailure`; `giveUp` types the last failure.
 */
export async function withRetry<T>(
  attempt: (number: number) => Promise<T | AttemptFailure>,
  isFailure: (value: T | AttemptFailure) => value is AttemptFailure,
  options: RetryOptions,
  signal: AbortSignal,
  giveUp: (failure: AttemptFailure, attempts: number) => Error,
  what: string,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 5));
  const base = Math.max(0, options.baseMs ?? 500);
  const max = Math.max(base, options.maxMs ?? 30_000);
  for (let number = 1; ; number++) {
    if (signal.aborted) throw abortError(signal, what);
    const result = await attempt(number);
    if (!isFailure(result)) return result;
    if (signal.aborted) throw abortError(signal, what);
    if (!result.retryable || number >= attempts) throw giveUp(result, number);
    const wait = Math.min(max, base * 2 ** (number - 1));
    await sleep(wait + Math.random() * wait * 0.25, signal, what);
  }
}

/** True for statuses worth another attempt: 408, 429 and 5xx. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Waits `ms`; a `RequestAbortedError` naming `what` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!, what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
