import { Readable } from 'node:stream';
import { request as undiciRequest, type Dispatcher } from 'undici';
import type { HttpDispatcher } from '../transport/http-dispatcher.js';
import { unquoteEtag, type FileGetResponse, type FileHttp, type FilePutRequest, type FilePutResponse } from './file-http.js';
import type { UploadBody } from './upload-source.js';

/** Bytes per chunk when a byte array is sent: progress is reported at this grain. */
const SLICE = 256 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * `FileHttp` over undici (the Node entry's default): bodies are streamed chunk by chunk with an
 * exact `Content-Length`, progress counted as chunks are handed to the socket. Uses the session's
 * dispatcher (a `MockAgent` in tests), else undici's global one.
 */
export class UndiciFileHttp implements FileHttp {
  readonly #dispatcher: Dispatcher | undefined;

  /** `dispatcher`: any undici dispatcher (typed structurally: the public types name no undici type). */
  constructor(dispatcher?: HttpDispatcher) {
    this.#dispatcher = dispatcher as unknown as Dispatcher | undefined;
  }

  async put(request: FilePutRequest): Promise<FilePutResponse> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = value;
    headers['content-length'] = String(request.size);
    let sent = 0;
    const counted = async function* (body: UploadBody): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(body)) {
        yield chunk;
        sent += chunk.byteLength;
        request.onBytes(sent);
      }
    };
    const response = await undiciRequest(request.url, {
      method: 'PUT',
      headers,
      body: request.size === 0 ? '' : Readable.from(counted(request.body()), { objectMode: false }),
      signal: request.signal,
      ...(this.#dispatcher === undefined ? {} : { dispatcher: this.#dispatcher }),
    });
    await response.body.dump().catch(() => undefined);
    const etag = response.headers.etag;
    return { status: response.statusCode, etag: unquoteEtag(Array.isArray(etag) ? etag[0] : etag) };
  }

  async get(url: string, signal: AbortSignal): Promise<FileGetResponse> {
    const dispatcher = this.#dispatcher === undefined ? {} : { dispatcher: this.#dispatcher };
    let response = await undiciRequest(url, { method: 'GET', signal, ...dispatcher });
    // Storage may redirect (as S3-backed servers do): follow up to five hops.
    for (let hops = 0; REDIRECTS.has(response.statusCode) && hops < 5; hops++) {
      const location = response.headers.location;
      if (typeof location !== 'string') break;
      await response.body.dump().catch(() => undefined);
      url = new URL(location, url).toString();
      response = await undiciRequest(url, { method: 'GET', signal, ...dispatcher });
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return {
      status: response.statusCode,
      headers,
      body: response.body as AsyncIterable<Uint8Array>,
      cancel: async () => {
        // A body already read to its end or destroyed (an aborted read) has nothing left to drop.
        if (response.body.destroyed || response.body.readableEnded) return;
        response.body.on('error', () => undefined);
        response.body.destroy();
      },
    };
  }
}

/** The body as chunks of at most 256 KiB (a `Uint8Array` is sliced; a `Blob` or an iterable is streamed as it comes). */
export async function* chunksOf(body: UploadBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    for (let offset = 0; offset < body.byteLength; offset += SLICE) yield body.subarray(offset, offset + SLICE);
  } else if (body instanceof Blob) {
    yield* body.stream() as unknown as AsyncIterable<Uint8Array>;
  } else {
    yield* body;
  }
}
