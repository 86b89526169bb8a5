import { describe, expect, it } from 'vitest';
import { UPLOAD_URL_LIFETIME_SECONDS, UrlSigner } from '../../server/files/signed-url.js';

// Upload URLs: HMAC over method, path and parameters, with an expiry (server/files/signed-url.ts).
describe('UrlSigner', () => {
  const base = 'http://127.0.0.1:4000';
  const path = '/component/upload';
  const paramsOf = (url: string) => new URL(url).searchParams;

  it('accepts its own URL until it expires, then refuses it as expired', () => {
    let now = 1_700_000_000_000;
    const signer = new UrlSigner(() => now);
    const url = signer.url(base, path, { id: 'c1', size: '13' });
    expect(signer.check(path, paramsOf(url))).toBe('ok');
    now += UPLOAD_URL_LIFETIME_SECONDS * 1000 + 1000;
    expect(signer.check(path, paramsOf(url))).toBe('expired');
  });

  it('refuses a changed parameter, an added one, another path and another server run', () => {
    const signer = new UrlSigner();
    const url = signer.url(base, path, { id: 'c1', size: '13' });
    for (const [name, value] of [['size', '14'], ['id', 'c2'], ['expires', '99999999999'], ['part', '1']] as const) {
      const params = paramsOf(url);
      params.set(name, value);
      expect(signer.check(path, params), name).toBe('bad-signature');
    }
    expect(signer.check('/component/other', paramsOf(url))).toBe('bad-signature');
    expect(new UrlSigner().check(path, paramsOf(url))).toBe('bad-signature');
  });
});
