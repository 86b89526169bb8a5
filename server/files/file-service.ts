import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationError } from '../../runtime/errors.js';
import { FILE_RULES } from '../rules/file-rules.js';
import type { Workspace } from '../store/workspace.js';
import type { WriteContext } from '../write/write-context.js';
import { openStorage, type BlobStorage, type StorageOption } from './blob-storage.js';
import { handleGet, handleRemove, handleThumbnail, type DownloadContext } from './download-endpoint.js';
import { DEFAULT_JOB_TIMINGS, encodeMedia, type EncodeContext, type JobTimings } from './encode-media.js';
import { FileIndex } from './file-index.js';
import { abandonResponse, CORS_HEADERS, sendFileError, sendPreflight } from './http-replies.js';
import { placeholderPng } from './png.js';
import { UrlSigner } from './signed-url.js';
import { completeMultipartUpload, UPLOAD_PATH, uploadMetadata, type MultipartUpload, type UploadState } from './upload-actions.js';
import { handleUpload } from './upload-endpoint.js';
import { headerText } from '../http/api-options.js';

/** The `/api` actions of the file service (called inside a batch). */
export interface FileActions {
  uploadMetadata(operation: Record<string, unknown>): Record<string, unknown>;
  completeMultipartUpload(operation: Record<string, unknown>): Record<string, unknown>;
  encodeMedia(context: WriteContext, operation: Record<string, unknown>): { job_id: string };
}

/** What the file service needs from the server. */
export interface FileServiceOptions {
  readonly storage?: StorageOption | undefined;
  readonly workspace: Workspace;
  /** The server's base URL, known once it listens. */
  readonly baseUrl: () => string;
  /** True when `user` + `key` are valid API credentials (read-only users may download). */
  readonly authenticate: (user: string, key: string) => boolean;
  /** How long `encode_media` jobs stay `queued` and `running`; default `DEFAULT_JOB_TIMINGS`. */
  readonly jobs?: Partial<JobTimings> | undefined;
  /** Applies a batch of the server's own (a job moving on); the refusal reason, or undefined when applied. */
  readonly apply: (operations: Record<string, unknown>[]) => string | undefined;
}

/** The placeholder JS clients show for an entity without thumbnail (spec 6). */
const PLACEHOLDER_PATH = '/img/thumbnail2.png';
const FILE_PREFIX = /^\/+(component|img)\//;
const DOWNLOAD_PATHS: ReadonlySet<string> = new Set(['/component/get', '/component/remove', '/component/thumbnail']);

/**
 * Component data of the local server (spec components.md 4–7): the upload actions, the signed
 * PUT endpoint, `/component/get|remove|thumbnail` (credentials as `username` + `apiKey` query
 * parameters, or the `ftrack-user` + `ftrack-api-key` headers) and `encode_media`.
 *
 * @example
 * const files = new FileService({ workspace, baseUrl: () => url, authenticate, storage: { memory: true } });
 * if (files.handleHttp(request, response)) return; // a /component/* or /img/thumbnail2.png request
 */
export class FileService implements FileActions {
  readonly #storage: BlobStorage;
  readonly #state: UploadState;
  readonly #download: DownloadContext;
  readonly #encode: EncodeContext;
  /** Pending job steps (cleared on close). */
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly options: FileServiceOptions) {
    const timings = jobTimings(options.jobs);
    this.#storage = openStorage(options.storage);
    const index = indexOf(this.#storage);
    this.#state = { signer: new UrlSigner(), index, uploads: new Map<string, MultipartUpload>(), baseUrl: options.baseUrl };
    this.#download = { storage: this.#storage, index, fileName: (id) => this.#fileName(id) };
    this.#encode = {
      storage: this.#storage,
      index,
      timings,
      schedule: (ms, work) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          work();
        }, ms);
        timer.unref();
        this.#timers.add(timer);
      },
      apply: (operations) => options.apply(operations),
    };
  }

  uploadMetadata(operation: Record<string, unknown>): Record<string, unknown> {
    return uploadMetadata(this.#state, operation);
  }

  completeMultipartUpload(operation: Record<string, unknown>): Record<string, unknown> {
    return completeMultipartUpload(this.#state, operation);
  }

  encodeMedia(context: WriteContext, operation: Record<string, unknown>): { job_id: string } {
    return encodeMedia(this.#encode, context, operation);
  }

  /** Handles the request when it is one of the file endpoints; false otherwise. */
  handleHttp(request: IncomingMessage, response: ServerResponse): boolean {
    // Cheap test first: every /api request passes here.
    if (!FILE_PREFIX.test(request.url ?? '/')) return false;
    const url = new URL(request.url ?? '/', 'http://local');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    if (path === PLACEHOLDER_PATH) {
      const body = placeholderPng(16);
      request.resume();
      response.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'image/png', 'Content-Length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
      return true;
    }
    if (path === UPLOAD_PATH) {
      if (request.method === 'OPTIONS') sendPreflight(response, 'PUT');
      else if (request.method !== 'PUT') this.#methodNotAllowed(request, response, 'PUT, OPTIONS');
      else void handleUpload(this.#state, this.#storage, request, response, url.searchParams).catch((error: unknown) => abandonResponse(response, error, 'upload not stored'));
      return true;
    }
    if (!DOWNLOAD_PATHS.has(path)) return false;
    if (request.method === 'OPTIONS') sendPreflight(response, 'GET, HEAD');
    else if (request.method !== 'GET' && request.method !== 'HEAD') this.#methodNotAllowed(request, response, 'GET, HEAD, OPTIONS');
    else this.#serve(path, request, response, url.searchParams);
    return true;
  }

  /** Releases the storage (a temporary folder is deleted); jobs still queued or running stay so. */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#storage.dispose();
  }

  #serve(path: string, request: IncomingMessage, response: ServerResponse, params: URLSearchParams): void {
    const user = params.get('username') ?? headerText(request.headers['ftrack-user']);
    const key = params.get('apiKey') ?? headerText(request.headers['ftrack-api-key']);
    if (!this.options.authenticate(user, key)) {
      return sendFileError(request, response, 401, 'invalid_credentials', 'The supplied API key is not valid for the supplied user.');
    }
    const id = params.get('id') ?? '';
    if (id === '') return sendFileError(request, response, 400, 'invalid_request', `${path} needs an "id" parameter (the component id).`);
    if (path === '/component/remove') return handleRemove(this.#download, request, response, id);
    const size = params.get('size');
    const box = size === null || size === '' ? undefined : Number(size);
    if (box !== undefined && (!Number.isSafeInteger(box) || box < 1)) return sendFileError(request, response, 400, 'invalid_request', '"size" must be a positive integer.');
    const serving = path === '/component/thumbnail' ? handleThumbnail(this.#download, request, response, id, box) : handleGet(this.#download, request, response, id);
    void serving.catch((error: unknown) => abandonResponse(response, error, `${path} not served`));
  }

  #methodNotAllowed(request: IncomingMessage, response: ServerResponse, allow: string): void {
    response.setHeader('Allow', allow);
    sendFileError(request, response, 405, 'method_not_allowed', `Method ${request.method ?? '?'} is not allowed here: use ${allow}.`);
  }

  /** `<name><file_type>` of the component row, when the schema and the row exist. */
  #fileName(id: string): string | undefined {
    const { workspace } = this.options;
    const c = FILE_RULES.component;
    if (!workspace.model.types.has(c.family)) return undefined;
    const row = workspace.getRow(c.family, [id]);
    if (row === undefined) return undefined;
    const name = row.values[c.name];
    const extension = row.values[c.extension];
    return `${typeof name === 'string' ? name : id}${typeof extension === 'string' ? extension : ''}`;
  }
}

/** The storage's index; when a record is unusable, the storage is released (a temporary folder removed; a kept folder left as is). */
function indexOf(storage: BlobStorage): FileIndex {
  try {
    return new FileIndex(storage);
  } catch (error) {
    storage.dispose();
    throw error;
  }
}

/** `DEFAULT_JOB_TIMINGS` with the given values; each must be a finite number of ms ≥ 0. */
function jobTimings(given: Partial<JobTimings> | undefined): JobTimings {
  const timings = { queuedMs: given?.queuedMs ?? DEFAULT_JOB_TIMINGS.queuedMs, runningMs: given?.runningMs ?? DEFAULT_JOB_TIMINGS.runningMs };
  for (const [name, value] of Object.entries(timings)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ConfigurationError(`jobs.${name} must be a number of milliseconds ≥ 0, not ${String(value)}.`);
  }
  return timings;
}
