import { reachableText } from './reachable-text.js';

/** Placeholder written where a secret would have appeared. */
export const REDACTED = '<redacted>';

/** Longest excerpt of a server value or body that an error message or cause may carry. */
export const EXCERPT_LENGTH = 80;

/** Longest error message kept; the middle of a longer one is cut (server values cannot make it huge). */
export const MAX_MESSAGE_LENGTH = 16_000;

/** Shortest registered secret that is redacted everywhere (shorter ones only where passed explicitly). */
const MIN_REGISTERED = 6;
/** A run of this many characters of a registered secret counts as the secret (a cut or partial echo). */
const FRAGMENT = 8;

interface Pattern {
  /** Lower-cased n-grams of the secret (the whole secret when it is shorter than `FRAGMENT`). */
  readonly grams: ReadonlySet<string>;
  readonly size: number;
}

const registered = new Map<string, { count: number; patterns: Pattern[] }>();

/**
 * Makes every error built from now on redact `secret` (and URL-encoded or base64 forms of it, in
 * any letter case, and any run of 8 or more of its characters) from its message, fields and
 * cause. Sessions register their API key; the returned function releases it (reference counted).
 */
export function registerSecret(secret: string): () => void {
  if (secret.length < MIN_REGISTERED) return () => undefined;
  const entry = registered.get(secret) ?? { count: 0, patterns: variants(secret).map(pattern) };
  entry.count++;
  registered.set(secret, entry);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.count === 0) registered.delete(secret);
  };
}

/**
 * `text` with every occurrence of `secret` and of every registered secret replaced by
 * `<redacted>`.
 */
export function redactText(text: string, secret = ''): string {
  let out = secret.length > 0 && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
  for (const { patterns } of registered.values()) for (const p of patterns) out = redactPattern(out, p);
  return out;
}

/** `text`, with its middle cut when it is longer than `max` characters. */
export function boundedText(text: string, max = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  const keep = Math.floor(max / 2);
  return `${text.slice(0, keep)} … (${text.length - 2 * keep} characters cut) … ${text.slice(-keep)}`;
}

/** True when `text` holds `secret` or a registered secret. */
export function holdsSecret(text: string, secret = ''): boolean {
  return redactText(text, secret) !== text;
}

/**
 * A short, redacted rendering of a server value for messages: strings as they are, anything
 * else as JSON, cut to `max` characters (`…` marks the cut).
 */
export function excerpt(value: unknown, max = EXCERPT_LENGTH, secret = ''): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return redactText(cut, secret);
}

/** `excerpt` in double quotes, for naming a server value inside a message. */
export function quoted(value: unknown, max = EXCERPT_LENGTH, secret = ''): string {
  return JSON.stringify(excerpt(value, max, secret));
}

/**
 * A cause safe to keep on an error: plain objects and arrays whose strings hold a secret are
 * copied with those strings redacted; a foreign Error that mentions a secret is replaced by a
 * plain Error with redacted message and stack; anything else is returned as it is.
 */
export function safeCause(cause: unknown, secret = ''): unknown {
  if (secret.length === 0 && registered.size === 0) return cause;
  if (typeof cause === 'string') return redactText(cause, secret);
  if (cause instanceof Error) return redactError(cause, secret);
  if (!isPlain(cause)) return cause;
  return scrub(cause, secret, { budget: 10_000 }, 0);
}

/**
 * An error safe to keep as a `cause`: the original when nothing in it (message, stack, own
 * properties, cause chain) holds the secret, else a plain Error with message and stack redacted.
 */
export function redactError(error: unknown, secret = ''): unknown {
  if (!(error instanceof Error) || (secret.length === 0 && registered.size === 0)) return error;
  let shown: string;
  try {
    shown = reachableText(error);
  } catch {
    shown = secret; // cannot be inspected: replace it
  }
  if (!holdsSecret(shown, secret)) return error;
  const safe = new Error(redactText(error.message, secret));
  safe.name = error.name;
  safe.stack = redactText(error.stack ?? '', secret);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.defineProperty(safe, 'code', { value: code, enumerable: true });
  return safe;
}

function scrub(value: unknown, secret: string, limit: { budget: number }, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secret);
  if (value instanceof Error) return redactError(value, secret);
  if (!isPlain(value) || --limit.budget < 0) return value;
  if (depth > 32) return '<nested too deep>';
  let copy: Record<string, unknown> | unknown[] | undefined;
  const entries = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const clean = scrub(item, secret, limit, depth + 1);
    const newKey = typeof key === 'string' ? redactText(key, secret) : key;
    if (clean === item && newKey === key) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...value };
    if (newKey !== key) delete (copy as Record<string, unknown>)[key as string];
    (copy as Record<string | number, unknown>)[newKey] = clean;
  }
  return copy ?? value;
}

function isPlain(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function variants(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), base64(secret)]);
  return [...forms].filter((form) => form.length >= MIN_REGISTERED);
}

function pattern(secret: string): Pattern {
  const lower = secret.toLowerCase();
  const size = Math.min(FRAGMENT, lower.length);
  const grams = new Set<string>();
  for (let i = 0; i + size <= lower.length; i++) grams.add(lower.slice(i, i + size));
  return { grams, size };
}

/** Replaces every run of characters covered by one of the pattern's n-grams (letter case ignored). */
function redactPattern(input: string, { grams, size }: Pattern): string {
  let text = input;
  if (text.length < size) return text;
  const lower = text.toLowerCase();
  // Rare letters change length when lower-cased: then the lower-cased text is what is redacted.
  if (lower.length !== text.length) text = lower;
  if (text.length > 2048 && ![...grams].some((gram) => lower.includes(gram))) return text;
  let covered: Uint8Array | undefined;
  for (let i = 0; i + size <= lower.length; i++) {
    if (!grams.has(lower.slice(i, i + size))) continue;
    covered ??= new Uint8Array(text.length);
    covered.fill(1, i, i + size);
  }
  if (covered === undefined) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (covered[i] === 1) {
      while (covered[i] === 1) i++;
      out += REDACTED;
    } else {
      const start = i;
      while (i < text.length && covered[i] !== 1) i++;
      out += text.slice(start, i);
    }
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The base64 form of `text`'s UTF-8 bytes, without `=` padding (no `Buffer` or `btoa` needed). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += BASE64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}
