import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStorage } from './blob-storage.js';
import { contentTypeOf } from './content-types.js';
import type { FileIndex, StoredFile } from './file-index.js';
import { abandonResponse, CORS_HEADERS, sendFileError } from './http-replies.js';
import { decodePng, encodePng, fitWithin, isPng } from './png.js';

/** Thumbnails larger than this are served unscaled (decoding holds the image in memory). */
const MAX_THUMBNAIL_SOURCE = 32 * 1024 * 1024;

/** What the download endpoints read. */
export interface DownloadContext {
  readonly storage: BlobStorage;
  readonly index: FileIndex;
  /** The file name a component's data is served as (`<name><file_type>`), when its row exists. */
  readonly fileName: (componentId: string) => string | undefined;
}

/** The stored bytes of `file`, blob after blob, as one stream. */
export function readStored(storage: BlobStorage, file: StoredFile): Readable {
  // One generator over the blobs: pulled on demand (back-pressure), and destroying the result closes the blob being read.
  async function* blobs(): AsyncGenerator<Buffer> {
    for (const blob of file.blobs) yield* storage.read(blob) as AsyncIterable<Buffer>;
  }
  return Readable.from(blobs(), { objectMode: false });
}

/**
 * `GET /component/get?id=…` (spec 5.1): the exact uploaded bytes (streamed), whether or not a
 * ComponentLocation exists; 404 when there are none.
 */
export async function handleGet(context: DownloadContext, request: IncomingMessage, response: ServerResponse, id: string): Promise<void> {
  const file = context.index.get(id);
  if (file === undefined) return sendFileError(request, response, 404, 'not_found', `No data is stored for component ${id}.`);
  const name = context.fileName(id) ?? id;
  request.resume();
  response.writeHead(200, {
    ...CORS_HEADERS,
    'Content-Type': contentTypeOf(name),
    'Content-Length': file.size,
    'Content-Disposition': `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"`,
    ETag: `"${file.etag}"`,
  });
  if (request.method === 'HEAD') return void response.end();
  try {
    await pipeline(readStored(context.storage, file), response);
  } catch (error) {
    abandonResponse(response, error, `component ${id} not served`);
  }
}

/** `GET /component/remove?id=…` (spec 5.3): deletes the data (not the ComponentLocation); 404 when there is none. */
export function handleRemove(context: DownloadContext, request: IncomingMessage, response: ServerResponse, id: string): void {
  if (!context.index.remove(id)) return sendFileError(request, response, 404, 'not_found', `No data is stored for component ${id}.`);
  request.resume();
  response.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  response.end('{"success": true}');
}

/**
 * `GET /component/thumbnail?id=…&size=n` (spec 6): a PNG scaled to fit n × n (aspect kept);
 * other formats, or no `size`, are served as stored.
 */
export async function handleThumbnail(context: DownloadContext, request: IncomingMessage, response: ServerResponse, id: string, size: number | undefined): Promise<void> {
  const file = context.index.get(id);
  if (file === undefined) return sendFileError(request, response, 404, 'not_found', `No thumbnail data is stored for component ${id}.`);
  if (size === undefined || file.size > MAX_THUMBNAIL_SOURCE) return handleGet(context, request, response, id);
  const chunks: Buffer[] = [];
  for await (const chunk of readStored(context.storage, file)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const image = isPng(bytes) ? decodePng(bytes) : undefined;
  const body = image === undefined ? bytes : encodePng(fitWithin(image, size));
  request.resume();
  response.writeHead(200, { ...CORS_HEADERS, 'Content-Type': image === undefined ? contentTypeOf(context.fileName(id) ?? '') : 'image/png', 'Content-Length': body.length });
  response.end(body);
}
