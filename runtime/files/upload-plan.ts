import { ArgumentError } from '../errors.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Most parts a multi-part upload may have (S3's limit, which the chunk sizes below respect). */
const MAX_PARTS = 10_000;

/**
 * The chunk size of a multi-part upload by file size (as ftrack's JS client): 8 MiB up to
 * 128 MiB, then 16, 32 (> 1 GiB), 64 (> 8 GiB) and 128 MiB (> 64 GiB).
 */
export function chunkSizeFor(size: number): number {
  if (size > 64 * GiB) return 128 * MiB;
  if (size > 8 * GiB) return 64 * MiB;
  if (size > GiB) return 32 * MiB;
  if (size > 128 * MiB) return 16 * MiB;
  return 8 * MiB;
}

/**
 * The `parts` of `get_upload_metadata`: `null` (one PUT) when the file fits in two chunks or
 * fewer, else the number of chunks.
 * @example partCount(20 * 1024 * 1024, 8 * 1024 * 1024) // 3
 */
export function partCount(size: number, chunkSize: number): number | null {
  const parts = Math.ceil(size / chunkSize);
  if (parts > MAX_PARTS) {
    throw new ArgumentError(`A file of ${size} bytes needs ${parts} parts of ${chunkSize} bytes; at most ${MAX_PARTS} are allowed.`, { cause: { size, chunkSize } });
  }
  return parts <= 2 ? null : parts;
}

/**
 * A file name split at its last dot into the component name and `file_type` (with the dot);
 * a name with no dot (or only a leading one) has an empty `file_type`. Unicode-normalised (NFC).
 * @example splitFileName('plate.0001.exr') // { name: 'plate.0001', fileType: '.exr' }
 */
export function splitFileName(fileName: string): { readonly name: string; readonly fileType: string } {
  const normal = fileName.normalize('NFC');
  const dot = normal.lastIndexOf('.');
  if (dot <= 0) return { name: normal, fileType: '' };
  return { name: normal.slice(0, dot), fileType: normal.slice(dot) };
}
