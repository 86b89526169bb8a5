import { REDACTED } from './redact.js';

/**
 * `serverUrl` as it may be shown (session, messages, progress lines): without the userinfo
 * (`user:password@`), which may hold a credential. A URL that does not parse keeps its text with
 * anything between `//` and the last `@` of the authority replaced.
 *
 * @example displayServerUrl('https://jane:secret@studio.ftrackapp.com/') // 'https://studio.ftrackapp.com/'
 */
export function displayServerUrl(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    if (url.username === '' && url.password === '') return serverUrl;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return serverUrl.replace(/^([^/]*\/\/)[^/?#]*@/, `$1${REDACTED}@`);
  }
}
