import type { UploadBody } from './upload-source.js';

/** One PUT of upload data. */
export interface FilePutRequest {
  readonly url: string;
  /** Headers the server returned for this upload (`Content-Type`, `Content-Length`…). */
  readonly headers: Readonly<Record<string, string>>;
  /** Called once per attempt: a retried PUT reads its bytes again. */
  readonly body: () => UploadBody;
  /** Exact byte count of the body. */
  readonly size: number;
  readonly signal: AbortSignal;
  /** Bytes sent so far in this attempt, when the implementation can tell (else once at the end). */
  readonly onBytes: (sent: number) => void;
}

/** What a PUT answered. */
export interface FilePutResponse {
  readonly status: number;
  /** The `ETag` response header without quotes, when present. */
  readonly etag: string | undefined;
}

/** What a GET (download) answered; `body` must be read or cancelled. */
export interface FileGetResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: AsyncIterable<Uint8Array>;
  /** Drops the rest of the body. */
  cancel(): Promise<void>;
}

/**
 * How component data travels: PUTs to the upload URLs `get_upload_metadata` returns, GETs of
 * `/component/get`. On Node, undici with the session's dispatcher; in browsers, `fetch`. Tests pass
 * their own. Implementations throw whatever their HTTP layer throws (the caller types it).
 */
export interface FileHttp {
  put(request: FilePutRequest): Promise<FilePutResponse>;
  get(url: string, signal: AbortSignal): Promise<FileGetResponse>;
}

/** `"abc"` → `abc` (weak validators keep their `W/`). */
export function unquoteEtag(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return value.replace(/^"(.*)"$/, '$1');
}
