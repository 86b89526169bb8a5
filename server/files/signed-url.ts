import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long an upload URL stays valid (PY uploads when the file is closed, possibly much later). */
export const UPLOAD_URL_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * Signs and checks upload URLs with a per-server secret (HMAC-SHA256 over the method, path and
 * every query parameter but `signature`), so a credentials-free client (PY, a browser) may PUT to
 * exactly the URL `get_upload_metadata` handed out, until it expires.
 *
 * @example
 * signer.url('http://127.0.0.1:4000', '/component/upload', { id, size: '13' });
 * // 'http://127.0.0.1:4000/component/upload?id=…&size=13&expires=1796160000&signature=9f2c…'
 */
export class UrlSigner {
  readonly #secret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /** A signed URL for `PUT base + path` with `params` (an `expires` is added). */
  url(base: string, path: string, params: Readonly<Record<string, string>>): string {
    const all = new URLSearchParams({ ...params, expires: String(Math.floor(this.now() / 1000) + UPLOAD_URL_LIFETIME_SECONDS) });
    all.set('signature', this.#sign(path, all));
    return `${base}${path}?${all.toString()}`;
  }

  /** `'ok'`, or why the URL is refused (`'expired'` or `'bad-signature'`). */
  check(path: string, params: URLSearchParams): 'ok' | 'expired' | 'bad-signature' {
    const given = params.get('signature') ?? '';
    const expected = this.#sign(path, params);
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return 'bad-signature';
    const expires = Number(params.get('expires'));
    return Number.isFinite(expires) && expires * 1000 >= this.now() ? 'ok' : 'expired';
  }

  #sign(path: string, params: URLSearchParams): string {
    const entries = [...params.entries()].filter(([name]) => name !== 'signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const canonical = ['PUT', path, ...entries.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)].join('\n');
    return createHmac('sha256', this.#secret).update(canonical).digest('hex');
  }
}
