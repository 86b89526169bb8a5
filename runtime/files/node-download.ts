import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTransferError } from '../errors.js';
import { abortError } from '../transport/abort.js';
import type { FileHttp } from './file-http.js';
import type { TransferProgress } from './progress.js';
import { describeUrl } from './server-upload.js';

/** Options of `session.download(component, target, options)`. */
export interface DownloadOptions {
  readonly signal?: AbortSignal | undefined;
  /** Bytes written so far (`total` from `Content-Length`, else undefined until the end). */
  readonly onProgress?: ((progress: { readonly loaded: number; readonly total: number | undefined }) => void) | undefined;
}

/**
 * Streams `url` into `target`: written to `<target>.<random>.part` beside it, renamed when
 * complete; on failure or abort the partial file is removed and `target` is untouched.
 */
export async function downloadToFile(http: FileHttp, url: string, target: string, componentId: string, options: DownloadOptions): Promise<TransferProgress> {
  const signal = options.signal ?? new AbortController().signal;
  if (signal.aborted) throw abortError(signal, 'The download');
  const absolute = resolve(target);
  const partial = join(dirname(absolute), `.${basename(absolute)}.${Math.random().toString(36).slice(2)}.part`);
  let response;
  try {
    response = await http.get(url, signal);
  } catch (error) {
    if (signal.aborted) throw abortError(signal, 'The download');
    throw new FileTransferError(`The download of component ${componentId} from ${describeUrl(url)} failed: the request failed.`, { componentId, attempts: 1 }, { cause: error });
  }
  if (response.status >= 400) {
    await response.cancel();
    throw new FileTransferError(`The download of component ${componentId} from ${describeUrl(url)} failed: HTTP ${response.status}.`, { componentId, status: response.status, attempts: 1 });
  }
  const declared = Number(response.headers['content-length']);
  const total = Number.isFinite(declared) && response.headers['content-length'] !== undefined ? declared : undefined;
  let loaded = 0;
  // Node streams end to end (no promise per chunk); progress as each chunk is passed on to the file.
  const source = response.body instanceof Readable ? response.body : Readable.from(response.body, { objectMode: false });
  const counted = new Transform({
    transform(chunk: Uint8Array, _encoding, done) {
      loaded += chunk.byteLength;
      try {
        options.onProgress?.({ loaded, total });
      } catch (error) {
        done(error as Error); // a throwing callback fails the download like any other error
        return;
      }
      done(null, chunk);
    },
  });
  // An abort destroys the body (the read fails, the pipeline ends with it).
  const onAbort = () => void response.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await pipeline(source, counted, createWriteStream(partial, { flags: 'wx' }));
    if (total !== undefined && loaded !== total) {
      throw new FileTransferError(`The download of component ${componentId} ended after ${loaded} of ${total} bytes.`, { componentId, status: response.status, attempts: 1 });
    }
    await rename(partial, absolute);
  } catch (error) {
    await response.cancel().catch(() => undefined);
    await rm(partial, { force: true });
    if (signal.aborted) throw abortError(signal, 'The download');
    if (error instanceof FileTransferError) throw error;
    throw new FileTransferError(`The download of component ${componentId} to ${absolute} failed.`, { componentId, status: response.status, attempts: 1 }, { cause: error });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (loaded === 0) options.onProgress?.({ loaded, total });
  return { loaded, total: loaded };
}
