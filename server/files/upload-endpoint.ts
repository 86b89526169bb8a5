import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStorage } from './blob-storage.js';
import { abandonResponse, CORS_HEADERS, sendFileError } from './http-replies.js';
import { UPLOAD_PATH, type UploadState } from './upload-actions.js';

/** Thrown by the meter when the body grows past the limit. */
class TooLarge extends Error {}

/** Counts and hashes the bytes going through; fails as soon as they exceed `limit`. */
class Meter extends Transform {
  bytes = 0;
  readonly md5: Hash = createHash('md5');

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new TooLarge());
    this.md5.update(chunk);
    done(null, chunk);
  }
}

/**
 * `PUT /component/upload?…&signature=…`: a single-part upload (`size`, optional `md5`) or one
 * part of a multipart upload (`upload_id`, `part`). The body streams to storage; refusals:
 * 403 bad or expired signature, 404 unknown upload, 413 a body (declared or streamed) over the
 * announced size (single part) or the whole file's size (a part), 400 a body shorter than
 * announced or a `Content-MD5` that does not match. Answers 200 with `ETag: "<hex md5>"`.
 *
 * @example
 * // PUT /component/upload?id=…&size=13&expires=…&signature=…  (13 bytes) → 200, ETag: "9b2c…"
 */
export async function handleUpload(state: UploadState, storage: BlobStorage, request: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
  const verdict = state.signer.check(UPLOAD_PATH, params);
  if (verdict !== 'ok') {
    const message = verdict === 'expired' ? 'The upload URL has expired: ask get_upload_metadata for a new one.' : 'The upload URL signature is not valid.';
    return sendFileError(request, response, 403, verdict === 'expired' ? 'expired_upload_url' : 'bad_signature', message);
  }
  const componentId = params.get('id') ?? '';
  const uploadId = params.get('upload_id');
  const upload = uploadId === null ? undefined : state.uploads.get(uploadId);
  const partNumber = Number(params.get('part'));
  if (uploadId !== null && (upload === undefined || upload.componentId !== componentId)) {
    return sendFileError(request, response, 404, 'unknown_upload', 'This multipart upload is complete or unknown.');
  }
  const exact = upload === undefined ? Number(params.get('size')) : undefined;
  const limit = upload?.size ?? exact ?? 0;
  const declared = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
  if (declared !== undefined && declared > limit) {
    return sendFileError(request, response, 413, 'payload_too_large', `The body (${declared} bytes) exceeds the ${limit} bytes announced for this upload.`, true);
  }
  if (exact !== undefined && declared !== undefined && declared !== exact) {
    return sendFileError(request, response, 400, 'size_mismatch', `The body has ${declared} bytes, but ${exact} were announced for this upload.`);
  }
  const blob = storage.newBlob();
  const meter = new Meter(limit);
  try {
    await pipeline(request, meter, storage.write(blob));
  } catch (error) {
    state.index.discard(blob);
    if (error instanceof TooLarge) return sendFileError(request, response, 413, 'payload_too_large', `The body exceeds the ${limit} bytes announced for this upload.`, true);
    // The client went away (aborted upload), or the storage failed (reported): nothing is stored.
    return abandonResponse(response, error, 'upload not stored');
  }
  const etag = meter.md5.digest();
  const refused = refusal(exact, meter.bytes, params.get('md5'), request.headers['content-md5'], etag);
  if (refused !== undefined) {
    state.index.discard(blob);
    return sendFileError(request, response, 400, refused.code, refused.message);
  }
  const hex = etag.toString('hex');
  if (upload !== undefined) {
    const replaced = upload.parts.get(partNumber);
    upload.parts.set(partNumber, { blob, size: meter.bytes, etag: hex });
    if (replaced !== undefined) state.index.discard(replaced.blob);
  } else {
    state.index.set({ id: componentId, size: meter.bytes, blobs: [blob], etag: hex });
  }
  response.writeHead(200, { ...CORS_HEADERS, ETag: `"${hex}"`, 'Content-Length': 0 });
  response.end();
}

function refusal(exact: number | undefined, bytes: number, signedMd5: string | null, headerMd5: string | string[] | undefined, md5: Buffer): { code: string; message: string } | undefined {
  if (exact !== undefined && bytes !== exact) return { code: 'size_mismatch', message: `The body has ${bytes} bytes, but ${exact} were announced for this upload.` };
  const expected = typeof headerMd5 === 'string' ? headerMd5 : signedMd5;
  if (expected !== null && expected !== md5.toString('base64')) return { code: 'bad_digest', message: 'The body does not match its Content-MD5.' };
  return undefined;
}
