import { FileTransferError, MalformedResponseError, RequestAbortedError } from '../errors.js';
import type { Operation } from '../protocol/operations.js';
import { abortError } from '../transport/abort.js';
import type { FileHttp, FilePutResponse } from './file-http.js';
import { ProgressTracker, type TransferProgress } from './progress.js';
import { retryableStatus, withRetry, type AttemptFailure, type RetryOptions } from './retry.js';
import { chunkSizeFor, partCount } from './upload-plan.js';
import type { UploadSource } from './upload-source.js';

/** How data is sent to `ftrack.server`. */
export interface UploadOptions {
  readonly signal?: AbortSignal | undefined;
  /** Bytes sent so far; never decreases; the last call has `loaded === total`. */
  readonly onProgress?: ((progress: TransferProgress) => void) | undefined;
  /** Bytes per part of a multi-part upload; default by size (8 MiB up to 128 MiB, …). */
  readonly chunkSize?: number | undefined;
  /** Parts in flight at once; default 6. */
  readonly concurrency?: number | undefined;
  /** Retries of each PUT; default 5 attempts from 500 ms. */
  readonly retry?: RetryOptions | undefined;
}

/** What the upload needs from the session: one `/api` batch. */
export type CallApi = (operations: Operation[], signal: AbortSignal | undefined) => Promise<readonly unknown[]>;

interface SingleMetadata {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}
interface MultiMetadata {
  readonly uploadId: string;
  readonly urls: readonly { readonly url: string; readonly partNumber: number }[];
}

/**
 * Sends `source` as the data of `componentId`: `get_upload_metadata` (with `parts` when more than
 * two chunks), then one PUT or the parts, `concurrency` at a time, each retried. Resolves with the
 * operations that finish the upload, to be sent with the component's creation
 * (`complete_multipart_upload` for parts; none for one PUT). Nothing is created on the server here.
 *
 * @example
 * // [{"action": "get_upload_metadata", "component_id": "…", "file_name": "plate.exr", "file_size": 20971520, "parts": 3}]
 * // PUT <signed_url> × 3, then (returned) {"action": "complete_multipart_upload", "upload_id": "…", "parts": [{"part_number": 1, "e_tag": "…"}, …], "component_id": "…"}
 */
export async function uploadToServer(
  call: CallApi,
  http: FileHttp,
  request: { readonly componentId: string; readonly fileName: string; readonly source: UploadSource },
  options: UploadOptions,
): Promise<Operation[]> {
  const { componentId, fileName, source } = request;
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? chunkSizeFor(source.size)));
  const parts = partCount(source.size, chunkSize);
  const [answer] = await call(
    [{ action: 'get_upload_metadata', component_id: componentId, file_name: fileName, file_size: source.size, parts }],
    options.signal,
  );
  const metadata = readMetadata(answer);
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) throw abortError(outer, 'The upload');
  outer?.addEventListener('abort', onAbort, { once: true });
  const progress = new ProgressTracker(source.size, options.onProgress);
  const transfer = { http, componentId, retry: options.retry ?? {}, signal: controller.signal, progress, stop: (reason: unknown) => controller.abort(reason) };
  try {
    if ('url' in metadata) {
      await putWithRetry(transfer, { url: metadata.url, headers: metadata.headers, source, start: 0, end: source.size, partNumber: 1, multi: false });
      progress.finish();
      return [];
    }
    const etags = await putParts(transfer, metadata, source, chunkSize, Math.max(1, Math.floor(options.concurrency ?? 6)));
    progress.finish();
    return [{ action: 'complete_multipart_upload', upload_id: metadata.uploadId, parts: etags, component_id: componentId }];
  } catch (error) {
    // Stop every part still in flight; an abort by the caller is reported as such.
    controller.abort(error);
    if (outer?.aborted && !(error instanceof RequestAbortedError)) throw abortError(outer, 'The upload');
    throw error;
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
}

interface Transfer {
  readonly http: FileHttp;
  readonly componentId: string;
  readonly retry: RetryOptions;
  readonly signal: AbortSignal;
  readonly progress: ProgressTracker;
  readonly stop: (reason: unknown) => void;
}

interface PutJob {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly source: UploadSource;
  readonly start: number;
  readonly end: number;
  readonly partNumber: number;
  readonly multi: boolean;
}

async function putParts(
  transfer: Transfer,
  metadata: MultiMetadata,
  source: UploadSource,
  chunkSize: number,
  concurrency: number,
): Promise<{ part_number: number; e_tag: string }[]> {
  const queue = [...metadata.urls].sort((a, b) => a.partNumber - b.partNumber);
  const etags: { part_number: number; e_tag: string }[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const start = (next.partNumber - 1) * chunkSize;
      const end = Math.min(source.size, start + chunkSize);
      const job = { url: next.url, headers: {}, source, start, end, partNumber: next.partNumber, multi: true };
      const etag = await putWithRetry(transfer, job);
      etags.push({ part_number: next.partNumber, e_tag: etag ?? '' });
    }
  };
  let first: { error: unknown } | undefined;
  const run = () =>
    worker().catch((error: unknown) => {
      // The first failure stops the parts still in flight.
      first ??= { error };
      transfer.stop(error);
    });
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, run));
  if (first !== undefined) throw first.error;
  return etags.sort((a, b) => a.part_number - b.part_number);
}

async function putWithRetry(transfer: Transfer, job: PutJob): Promise<string | undefined> {
  const { http, progress, signal } = transfer;
  const size = job.end - job.start;
  const where = describeUrl(job.url);
  const label = job.multi ? `Part ${job.partNumber} of the upload` : 'The upload';
  return withRetry<string | undefined>(
    async () => {
      progress.update(job.partNumber, 0);
      let response: FilePutResponse;
      try {
        response = await http.put({
          url: job.url,
          headers: job.headers,
          size,
          body: () => job.source.range(job.start, job.end),
          signal,
          onBytes: (sent) => progress.update(job.partNumber, sent),
        });
      } catch (error) {
        return { error, retryable: !signal.aborted } satisfies AttemptFailure;
      }
      if (response.status >= 400) return { error: response.status, retryable: retryableStatus(response.status) } satisfies AttemptFailure;
      if (job.multi && response.etag === undefined) return { error: 'no ETag', retryable: false } satisfies AttemptFailure;
      progress.update(job.partNumber, size);
      return response.etag;
    },
    isFailure,
    transfer.retry,
    signal,
    (failure, attempts) => {
      const status = typeof failure.error === 'number' ? failure.error : undefined;
      const reason = status !== undefined ? `HTTP ${status}` : failure.error === 'no ETag' ? 'the answer has no ETag header' : 'the request failed';
      return new FileTransferError(
        `${label} of component ${transfer.componentId} to ${where} failed after ${attempts} attempt(s): ${reason}.`,
        { componentId: transfer.componentId, status, partNumber: job.multi ? job.partNumber : undefined, attempts },
        { cause: typeof failure.error === 'object' ? failure.error : { status, attempts } },
      );
    },
    label,
  );
}

function isFailure(value: unknown): value is AttemptFailure {
  return typeof value === 'object' && value !== null && 'retryable' in value && 'error' in value;
}

/** `host/path` of a URL: signed URLs carry tokens in their query, never shown. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

function readMetadata(answer: unknown): SingleMetadata | MultiMetadata {
  const value = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  if (typeof value.url === 'string') {
    const headers: Record<string, string> = {};
    if (typeof value.headers === 'object' && value.headers !== null) {
      for (const [name, header] of Object.entries(value.headers)) if (typeof header === 'string' || typeof header === 'number') headers[name] = String(header);
    }
    return { url: value.url, headers };
  }
  if (Array.isArray(value.urls) && typeof value.upload_id === 'string') {
    const urls = value.urls.map((entry: unknown) => {
      const item = (entry ?? {}) as Record<string, unknown>;
      if (typeof item.signed_url !== 'string' || typeof item.part_number !== 'number') throw malformed('an entry of `urls` without `signed_url` and `part_number`');
      return { url: item.signed_url, partNumber: item.part_number };
    });
    return { uploadId: value.upload_id, urls };
  }
  throw malformed('neither `url` nor `upload_id` and `urls`');
}

function malformed(what: string): MalformedResponseError {
  return new MalformedResponseError(`The server's get_upload_metadata answer has ${what}.`, { action: 'get_upload_metadata', operationIndex: 0 });
}
