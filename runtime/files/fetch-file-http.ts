import { unquoteEtag, type FileGetResponse, type FileHttp, type FilePutRequest, type FilePutResponse } from './file-http.js';

/** The part of `fetch` used for file data (the standard one fits). */
type FileFetch = (url: string, init: Record<string, unknown>) => Promise<{
  status: number;
  headers: { get(name: string): string | null; forEach(callback: (value: string, key: string) => void): void };
  body: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/**
 * `FileHttp` over the standard `fetch` (browsers; the browser entry's default). A Blob or byte body
 * is sent as is (the browser sets `Content-Length`, a forbidden header); progress is reported per
 * PUT, when it completes, since `fetch` has no upload progress.
 */
export class FetchFileHttp implements FileHttp {
  readonly #fetch: FileFetch;

  constructor(fetchFunction?: FileFetch) {
    this.#fetch = fetchFunction ?? ((url, init) => (globalThis.fetch as unknown as FileFetch)(url, init));
  }

  async put(request: FilePutRequest): Promise<FilePutResponse> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = value;
    const body = request.body();
    const streamed = !(body instanceof Uint8Array) && !(typeof Blob !== 'undefined' && body instanceof Blob);
    const response = await this.#fetch(request.url, {
      method: 'PUT',
      headers,
      body: streamed ? toReadableStream(body as AsyncIterable<Uint8Array>) : body,
      signal: request.signal,
      ...(streamed ? { duplex: 'half' } : {}),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 400) request.onBytes(request.size);
    return { status: response.status, etag: unquoteEtag(response.headers.get('etag')) };
  }

  async get(url: string, signal: AbortSignal): Promise<FileGetResponse> {
    const response = await this.#fetch(url, { method: 'GET', signal });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    const stream = response.body;
    return {
      status: response.status,
      headers,
      body: stream === null ? emptyChunks() : chunksOf(stream),
      cancel: async () => {
        await stream?.cancel().catch(() => undefined);
      },
    };
  }
}

function toReadableStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* emptyChunks(): AsyncIterable<Uint8Array> {}
