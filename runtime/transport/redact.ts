import { inspect } from 'node:util';

/** Placeholder written where a secret would have appeared. */
export const REDACTED = '<redacted>';

/** `text` with every occurrence of `secret` replaced by `<redacted>`. */
export function redactText(text: string, secret: string): string {
  if (secret.length === 0 || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}

/**
 * An error safe to keep as a `cause`: the original when nothing in it (message, stack, own
 * properties, cause chain) holds the secret, else a plain Error with message and stack redacted.
 */
export function redactError(error: unknown, secret: string): unknown {
  if (!(error instanceof Error) || secret.length === 0) return error;
  if (!inspect(error, { depth: 6 }).includes(secret)) return error;
  const safe = new Error(redactText(error.message, secret));
  safe.name = error.name;
  safe.stack = redactText(error.stack ?? '', secret);
  return safe;
}
