import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ArgumentError, FileAccessError } from '../errors.js';
import { abortError } from '../transport/abort.js';
import { portableSource, type PortableSource, type UploadSource } from './upload-source.js';

/** What the Node entry's `createComponent` takes: a file path, a stream of bytes (a `Readable`), or a portable source. */
export type NodeSource = string | AsyncIterable<Uint8Array> | PortableSource;

/**
 * A file on disk as an `UploadSource`: each range is read from the file when sent (never the
 * whole file in memory).
 */
export async function fileSource(path: string, fileName = basename(path)): Promise<UploadSource> {
  const absolute = resolve(path);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new ArgumentError(`createComponent(): ${absolute} is not a file.`, { cause: { path: absolute } });
    size = info.size;
  } catch (error) {
    if (error instanceof ArgumentError) throw error;
    throw new FileAccessError(`Cannot read ${absolute}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, absolute, { cause: error });
  }
  return {
    size,
    fileName,
    path: absolute,
    range: (start, end) => (end <= start ? new Uint8Array(0) : (createReadStream(absolute, { start, end: end - 1, highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array>)),
  };
}

/**
 * Any Node source as an `UploadSource`. A stream's size is unknown and a retried part must read
 * its bytes again, so a stream is first written to a temporary file (removed by `dispose`).
 */
export async function nodeSource(source: NodeSource, signal: AbortSignal | undefined, fileName?: string): Promise<{ source: UploadSource; dispose(): Promise<void> }> {
  if (typeof source === 'string') return { source: await fileSource(source), dispose: () => Promise.resolve() };
  if (isStream(source)) {
    const folder = await mkdtemp(join(tmpdir(), 'ftrack-upload-'));
    const dispose = () => rm(folder, { recursive: true, force: true });
    try {
      const path = join(folder, 'data');
      await pipeline(source, createWriteStream(path), { signal });
      const spooled = await fileSource(path, fileName);
      return { source: { ...spooled, path: undefined, fileName }, dispose };
    } catch (error) {
      await dispose();
      if (signal?.aborted) throw abortError(signal, 'Reading the upload stream');
      throw error;
    }
  }
  return { source: portableSource(source), dispose: () => Promise.resolve() };
}

function isStream(value: unknown): value is AsyncIterable<Uint8Array> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function' &&
    typeof (value as { range?: unknown }).range !== 'function' &&
    !(value instanceof Blob)
  );
}
