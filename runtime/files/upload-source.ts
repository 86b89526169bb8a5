import { ArgumentError } from '../errors.js';

/**
 * Bytes of one PUT: a byte array, a `Blob`, or chunks read lazily (a file range on Node). Never
 * the whole of a large file in memory: sources hand out ranges.
 */
export type UploadBody = Uint8Array | Blob | AsyncIterable<Uint8Array>;

/**
 * Data to upload: its size (known before sending, as `get_upload_metadata` needs it), a file name
 * when it has one, and a way to read any byte range again (a retried part reads its range anew).
 */
export interface UploadSource {
  readonly size: number;
  /** The file's base name (`plate.exr`), when known. */
  readonly fileName: string | undefined;
  /** The local path, for locations that register paths (`ftrack.unmanaged`); Node file sources only. */
  readonly path?: string | undefined;
  /** Bytes `start` (inclusive) to `end` (exclusive), read when the body is sent. */
  range(start: number, end: number): UploadBody;
}

/** What `createComponent` takes in every runtime: a `Blob`/`File`, bytes, or a prepared source. */
export type PortableSource = Blob | Uint8Array | ArrayBuffer | UploadSource;

/** A `Blob`/`File` or bytes as an `UploadSource`; an `UploadSource` as it is. */
export function portableSource(source: PortableSource): UploadSource {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    return { size: bytes.byteLength, fileName: undefined, range: (start, end) => bytes.subarray(start, end) };
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const name = (source as { name?: unknown }).name;
    return { size: source.size, fileName: typeof name === 'string' && name !== '' ? name : undefined, range: (start, end) => source.slice(start, end) };
  }
  if (isUploadSource(source)) return source;
  throw new ArgumentError('createComponent() takes a Blob or File, a Uint8Array or ArrayBuffer (on Node also a file path or a Readable).', {
    cause: { source: typeof source },
  });
}

function isUploadSource(value: unknown): value is UploadSource {
  const candidate = value as Partial<UploadSource> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.size === 'number' && typeof candidate.range === 'function';
}
