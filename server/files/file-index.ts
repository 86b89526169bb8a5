import { createHash } from 'node:crypto';
import { ConfigurationError } from '../../runtime/errors.js';
import type { BlobStorage } from './blob-storage.js';

/** The stored data of one component: its blobs in order (one per uploaded part), size and digest. */
export interface StoredFile {
  readonly id: string;
  readonly size: number;
  readonly blobs: readonly string[];
  /** Hex MD5 of the whole data (single PUT), or the multipart ETag (`<md5 of part md5s>-<n>`). */
  readonly etag: string;
}

/**
 * Component id → stored data, kept as one small record per component in the storage (so a
 * `--storage DIR` is served again after a restart). Blobs may be shared (an `encode_media`
 * output copies its source by reference); a blob is deleted when no record names it any more.
 *
 * @example
 * index.set({ id, size: 13, blobs: [blob], etag }); index.get(id)?.size; // 13
 */
export class FileIndex {
  readonly #files = new Map<string, StoredFile>();
  readonly #uses = new Map<string, number>();

  /** @throws ConfigurationError naming the record when a record cannot be read or parsed (then no blob is deleted). */
  constructor(private readonly storage: BlobStorage) {
    for (const key of storage.recordKeys()) {
      const file = loadRecord(storage, key);
      if (file !== undefined) this.#remember(file);
    }
    // Parts of uploads that never completed before the last stop (only once every record is known).
    for (const blob of storage.blobNames()) this.discard(blob);
  }

  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** Stores (or replaces: a re-upload overwrites) the data of `file.id`. */
  set(file: StoredFile): void {
    const previous = this.#files.get(file.id);
    this.storage.writeRecord(recordKey(file.id), JSON.stringify(file));
    this.#remember(file);
    if (previous !== undefined) this.#release(previous);
  }

  /** Deletes the data of `id`; false when there was none. */
  remove(id: string): boolean {
    const file = this.#files.get(id);
    if (file === undefined) return false;
    this.storage.removeRecord(recordKey(id));
    this.#files.delete(id);
    this.#release(file);
    return true;
  }

  /** Deletes a blob no record names (an abandoned or refused upload). */
  discard(blob: string): void {
    if ((this.#uses.get(blob) ?? 0) === 0) this.storage.remove(blob);
  }

  #remember(file: StoredFile): void {
    this.#files.set(file.id, file);
    for (const blob of file.blobs) this.#uses.set(blob, (this.#uses.get(blob) ?? 0) + 1);
  }

  #release(file: StoredFile): void {
    for (const blob of file.blobs) {
      const left = (this.#uses.get(blob) ?? 1) - 1;
      if (left > 0) this.#uses.set(blob, left);
      else {
        this.#uses.delete(blob);
        this.storage.remove(blob);
      }
    }
  }
}

function recordKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Record `key`, or undefined when it vanished meanwhile; a record that is unreadable, damaged or filed under another key is an error. */
function loadRecord(storage: BlobStorage, key: string): StoredFile | undefined {
  let problem: string;
  let cause: unknown;
  try {
    const text = storage.readRecord(key);
    if (text === undefined) return undefined;
    const value = JSON.parse(text) as Partial<StoredFile> | null;
    if (typeof value?.id === 'string' && typeof value.size === 'number' && Array.isArray(value.blobs) && typeof value.etag === 'string') {
      if (recordKey(value.id) === key) return { id: value.id, size: value.size, blobs: value.blobs.map(String), etag: value.etag };
      problem = `it names component ${value.id}, which belongs under another record`;
    } else problem = 'it is not a component record ({ id, size, blobs, etag })';
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    cause = error;
  }
  throw new ConfigurationError(
    `Cannot read the storage record ${storage.recordName(key)}: ${problem}. Nothing was deleted; repair the record (or remove it to drop that component's data) and start again.`,
    { cause },
  );
}
