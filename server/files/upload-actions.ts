import { createHash, randomUUID } from 'node:crypto';
import { apiError } from '../api/api-error.js';
import { contentTypeOf } from './content-types.js';
import type { FileIndex } from './file-index.js';
import { UPLOAD_URL_LIFETIME_SECONDS, type UrlSigner } from './signed-url.js';

/** The path every upload URL points to (single PUTs and parts). */
export const UPLOAD_PATH = '/component/upload';

/** One uploaded part of a multipart upload. */
export interface UploadedPart {
  readonly blob: string;
  readonly size: number;
  /** Hex MD5 of the part (its `ETag`, without quotes). */
  readonly etag: string;
}

/** A multipart upload between `get_upload_metadata` and `complete_multipart_upload` (kept in memory). */
export interface MultipartUpload {
  readonly componentId: string;
  readonly size: number;
  readonly partCount: number;
  readonly parts: Map<number, UploadedPart>;
  /** When it was started (ms): uploads older than their URLs are dropped. */
  readonly started: number;
}

/** What the upload actions share with the PUT endpoint. */
export interface UploadState {
  readonly signer: UrlSigner;
  readonly index: FileIndex;
  readonly uploads: Map<string, MultipartUpload>;
  /** The server's base URL (`http://127.0.0.1:41234`). */
  readonly baseUrl: () => string;
}

/**
 * `get_upload_metadata` (spec 4.4): the single-part form `{url, headers, component_id}` unless
 * `parts` is an integer > 2, then `{component_id, upload_id, urls: [{signed_url, part_number}]}`.
 * The component need not exist yet; asking again for the same id is fine (a re-upload replaces the data).
 *
 * @example
 * uploadMetadata(state, { action: 'get_upload_metadata', component_id: id, file_name: 'data.json', file_size: 13 });
 * // { url: 'http://…/component/upload?id=…&size=13&expires=…&signature=…', headers: { 'Content-Type': 'application/json', 'Content-Length': '13' }, component_id: id }
 */
export function uploadMetadata(state: UploadState, operation: Record<string, unknown>): Record<string, unknown> {
  const componentId = requiredText(operation, 'component_id');
  const fileName = typeof operation.file_name === 'string' ? operation.file_name : '';
  const size = operation.file_size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw apiError('ValidationError', 'get_upload_metadata: "file_size" must be a non-negative integer (bytes).', 'invalid_operation');
  }
  const parts = operation.parts;
  if (parts !== undefined && parts !== null && (typeof parts !== 'number' || !Number.isSafeInteger(parts) || parts < 1 || parts > 10_000)) {
    throw apiError('ValidationError', 'get_upload_metadata: "parts" must be null or an integer from 1 to 10000.', 'invalid_operation');
  }
  const checksum = operation.checksum;
  if (checksum !== undefined && checksum !== null && (typeof checksum !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(checksum))) {
    throw apiError('ValidationError', 'get_upload_metadata: "checksum" must be a base64 MD5 (a Content-MD5 value).', 'invalid_operation');
  }
  if (typeof parts !== 'number' || parts <= 2) {
    const params: Record<string, string> = { id: componentId, size: String(size) };
    const headers: Record<string, string> = { 'Content-Type': contentTypeOf(fileName), 'Content-Length': String(size) };
    if (typeof checksum === 'string') headers['Content-MD5'] = params.md5 = checksum;
    return { url: state.signer.url(state.baseUrl(), UPLOAD_PATH, params), headers, component_id: componentId };
  }
  dropAbandoned(state);
  const uploadId = randomUUID();
  state.uploads.set(uploadId, { componentId, size, partCount: parts, parts: new Map(), started: Date.now() });
  const urls = Array.from({ length: parts }, (_, i) => ({
    signed_url: state.signer.url(state.baseUrl(), UPLOAD_PATH, { id: componentId, upload_id: uploadId, part: String(i + 1) }),
    part_number: i + 1,
  }));
  return { component_id: componentId, upload_id: uploadId, urls };
}

/**
 * `complete_multipart_upload` (spec 4.5): checks that every listed part was uploaded with the
 * listed `e_tag` (quotes ignored), in ascending `part_number` order, and that together they hold
 * exactly the announced size; then the parts become the component's data, in that order (no copy).
 *
 * @example
 * completeMultipartUpload(state, { action: 'complete_multipart_upload', upload_id, component_id: id, parts: [{ part_number: 1, e_tag: '9b2c…' }, …] });
 * // { action: 'complete_multipart_upload', component_id: id, url: 'http://…/component/get?id=…' }
 */
export function completeMultipartUpload(state: UploadState, operation: Record<string, unknown>): Record<string, unknown> {
  const uploadId = requiredText(operation, 'upload_id');
  const componentId = requiredText(operation, 'component_id');
  const upload = state.uploads.get(uploadId);
  if (upload === undefined || upload.componentId !== componentId) {
    throw apiError('ValidationError', `complete_multipart_upload: no upload "${uploadId}" is in progress for component ${componentId}.`, 'unknown_upload');
  }
  if (!Array.isArray(operation.parts) || operation.parts.length === 0) {
    throw apiError('ValidationError', 'complete_multipart_upload: "parts" must list the uploaded parts as [{part_number, e_tag}].', 'invalid_operation');
  }
  const chosen: UploadedPart[] = [];
  let previous = 0;
  for (const item of operation.parts as unknown[]) {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const number = entry.part_number;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= previous) {
      throw apiError('ValidationError', 'complete_multipart_upload: part numbers must be integers in ascending order, each once.', 'invalid_part_order');
    }
    previous = number;
    const part = upload.parts.get(number);
    if (part === undefined) throw apiError('ValidationError', `complete_multipart_upload: part ${number} was not uploaded.`, 'missing_part');
    const etag = typeof entry.e_tag === 'string' ? entry.e_tag.replace(/"/g, '') : '';
    if (etag !== part.etag) throw apiError('ValidationError', `complete_multipart_upload: the ETag of part ${number} does not match the uploaded part.`, 'etag_mismatch');
    chosen.push(part);
  }
  const total = chosen.reduce((sum, part) => sum + part.size, 0);
  if (total !== upload.size) {
    throw apiError('ValidationError', `complete_multipart_upload: the parts hold ${total} bytes, but the upload announced ${upload.size}.`, 'size_mismatch');
  }
  const digest = createHash('md5');
  for (const part of chosen) digest.update(Buffer.from(part.etag, 'hex'));
  state.index.set({ id: componentId, size: total, blobs: chosen.map((part) => part.blob), etag: `${digest.digest('hex')}-${chosen.length}` });
  state.uploads.delete(uploadId);
  const kept = new Set(chosen);
  for (const part of upload.parts.values()) if (!kept.has(part)) state.index.discard(part.blob);
  return { action: 'complete_multipart_upload', component_id: componentId, url: `${state.baseUrl()}/component/get?${new URLSearchParams({ id: componentId }).toString()}` };
}

/** Forgets multipart uploads whose URLs have expired, deleting their parts. */
function dropAbandoned(state: UploadState): void {
  const oldest = Date.now() - UPLOAD_URL_LIFETIME_SECONDS * 1000;
  for (const [id, upload] of state.uploads) {
    if (upload.started >= oldest) continue;
    state.uploads.delete(id);
    for (const part of upload.parts.values()) state.index.discard(part.blob);
  }
}

function requiredText(operation: Record<string, unknown>, key: string): string {
  const value = operation[key];
  if (typeof value !== 'string' || value === '') throw apiError('ValidationError', `${String(operation.action)}: "${key}" must be a non-empty string.`, 'invalid_operation');
  return value;
}
