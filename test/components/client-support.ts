import { rmSync } from 'node:fs';
import { UndiciFileHttp } from '../../runtime/files/node-file-http.js';
import type { HttpDispatcher } from '../../runtime/transport/http-dispatcher.js';
import { Session, type FileHttp, type FilePutRequest, type FilePutResponse, type FileGetResponse } from '../../runtime/index.js';
import { startServer, type ServerHandle } from '../../server/index.js';
import { fixturePath } from '../support/shared.js';
import { tempDir } from '../support/temp-dirs.js';

/** One PUT as the spy saw it. */
export interface SeenPut {
  /** 0 for the first URL PUT to, 1 for the next new one… (a retry keeps its URL's index). */
  readonly index: number;
  readonly size: number;
  readonly attempt: number;
}

/** What a fault hook decides for one PUT: send it, answer a status without sending, or throw. */
export type Fault = { readonly status: number } | { readonly error: Error } | { readonly delayMs: number } | undefined;

/**
 * A `FileHttp` around undici's that counts PUTs in flight (and the most at once), records each
 * PUT, and can fail or delay one (`fault`).
 */
export class SpyHttp implements FileHttp {
  readonly inner: FileHttp;
  readonly seen: SeenPut[] = [];
  inFlight = 0;
  maxInFlight = 0;
  fault: (put: SeenPut) => Fault = () => undefined;
  readonly #attempts = new Map<string, number>();
  readonly #index = new Map<string, number>();

  constructor(inner: FileHttp) {
    this.inner = inner;
  }

  async put(request: FilePutRequest): Promise<FilePutResponse> {
    const key = request.url;
    if (!this.#index.has(key)) this.#index.set(key, this.#index.size);
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempt);
    const put = { index: this.#index.get(key)!, size: request.size, attempt };
    this.seen.push(put);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const fault = this.fault(put);
      if (fault !== undefined && 'status' in fault) return { status: fault.status, etag: undefined };
      if (fault !== undefined && 'error' in fault) throw fault.error;
      if (fault !== undefined && 'delayMs' in fault) await delay(fault.delayMs, request.signal);
      return await this.inner.put(request);
    } finally {
      this.inFlight--;
    }
  }

  get(url: string, signal: AbortSignal): Promise<FileGetResponse> {
    return this.inner.get(url, signal);
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** A Node `Session` whose file transfers go through `spy` (the injectable HTTP layer). */
export function spySession(server: ServerHandle, spy: { http?: SpyHttp }): Session {
  class SpySession extends Session {
    protected override createFileHttp(dispatcher: HttpDispatcher | undefined): FileHttp {
      spy.http = new SpyHttp(new UndiciFileHttp(dispatcher));
      return spy.http;
    }
  }
  return new SpySession({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey });
}

/** The local server on the real workspace-a schema, data in memory. */
export function startFileServer(): Promise<ServerHandle> {
  return startServer({ schema: fixturePath('schemas', 'workspace-a.query_schemas.json'), storage: { memory: true } });
}

/** Deterministic bytes. */
export function bytesOf(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return bytes;
}

/** A temporary folder, removed by the returned function (or at the end of the file when no test ran). */
export function tempFolder(): { readonly path: string; readonly remove: () => void } {
  const path = tempDir('files-client');
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** `actual` has exactly the bytes of `expected` (compared natively: a deep `toEqual` of megabytes is slow). */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength));
}
