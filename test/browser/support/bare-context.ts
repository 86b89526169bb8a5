import { runInContext, createContext } from 'node:vm';

/**
 * A `vm` context with only what a browser page offers the runtime: `fetch`, `crypto`, `URL`,
 * `TextEncoder`/`TextDecoder`, `AbortController`/`AbortSignal` and the timers. No `process`,
 * `Buffer`, `require`, `setImmediate` or `console`: a bundle that reaches for one fails.
 */
export function bareContext(): Record<string, unknown> {
  return createContext({
    fetch,
    crypto: globalThis.crypto,
    URL,
    TextEncoder,
    TextDecoder,
    AbortController,
    AbortSignal,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  });
}

/** Runs an IIFE bundle whose `globalName` is `app` in `context`; returns its exports. */
export function runBundle<T>(code: string, context: Record<string, unknown>): T {
  return runInContext(`${code}\n;app`, context, { filename: 'browser-bundle.js' }) as T;
}
