import { ConfigurationError } from '../errors.js';

/** The Web Crypto members used here (Node ≥ 19 and browsers have `globalThis.crypto`). */
interface WebCrypto {
  randomUUID?(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A random (version 4) UUID from Web Crypto: `crypto.randomUUID()`, or where it is missing (a
 * page served over plain http) one built from `crypto.getRandomValues`.
 *
 * @example randomUuid() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomUuid(): string {
  const crypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new ConfigurationError('No Web Crypto (globalThis.crypto) to make a new primary key: run on Node ≥ 20 or in a browser.', {});
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
