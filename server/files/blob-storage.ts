import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { ConfigurationError } from '../../runtime/errors.js';

/**
 * Where uploaded bytes live: named blobs written and read as streams (never whole), plus small
 * JSON records (the manifests of `file-index.ts`) read and written synchronously.
 */
export interface BlobStorage {
  /** A new blob name (unique). */
  newBlob(): string;
  /** A stream writing blob `name`; the blob exists once the stream finished. */
  write(name: string): Writable;
  /** A stream of blob `name`'s bytes. */
  read(name: string): Readable;
  /** Writes a small blob at once (placeholders). */
  writeSmall(name: string, bytes: Buffer): void;
  /** Deletes a blob; a missing blob is no error. */
  remove(name: string): void;
  /** Record `key` → JSON text, or undefined when there is none (any other read error is thrown). */
  readRecord(key: string): string | undefined;
  /** Where record `key` lives, for messages (a file path on disk). */
  recordName(key: string): string;
  /** Writes record `key` atomically (replaces it). */
  writeRecord(key: string, text: string): void;
  removeRecord(key: string): void;
  /** Every record key (at start-up). */
  recordKeys(): string[];
  /** Every blob name (at start-up, to delete what no record names: parts of unfinished uploads). */
  blobNames(): string[];
  /** Releases the storage (a temporary folder is removed). */
  dispose(): void;
}

/** `storage` of `startServer`: a folder (kept), `{ memory: true }` (tests) or default (a temporary folder removed at close). */
export type StorageOption = string | { readonly memory: true };

/**
 * Opens the storage `startServer` asked for.
 *
 * @throws ConfigurationError when the folder cannot be created or written.
 * @example
 * openStorage(undefined); // a temporary folder, removed by dispose() and at process exit
 * openStorage('/srv/ftrack-files'); // kept between runs
 * openStorage({ memory: true }); // in memory (tests; holds every byte in RAM)
 */
export function openStorage(option: StorageOption | undefined): BlobStorage {
  if (typeof option === 'object' && option !== null && option.memory === true) return new MemoryStorage();
  try {
    if (typeof option === 'string') return new DiskStorage(option, false);
    return new DiskStorage(mkdtempSync(join(tmpdir(), 'ftrack-codegen-files-')), true);
  } catch (error) {
    const where = typeof option === 'string' ? `the storage folder ${option}` : 'a temporary storage folder';
    throw new ConfigurationError(`Cannot use ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Temporary folders of running servers, removed at process exit (one listener for all servers). */
const temporaryFolders = new Set<string>();
let exitHook = false;

function removeAtExit(folder: string): void {
  temporaryFolders.add(folder);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const each of temporaryFolders) rmSync(each, { recursive: true, force: true });
  });
}

/** Record keys are hex (see `file-index.ts`); blob names are UUIDs: both are safe file names. */
class DiskStorage implements BlobStorage {
  readonly #blobs: string;
  readonly #records: string;
  readonly #temporary: string | undefined;

  constructor(root: string, temporary: boolean) {
    this.#blobs = join(root, 'blobs');
    this.#records = join(root, 'records');
    mkdirSync(this.#blobs, { recursive: true });
    mkdirSync(this.#records, { recursive: true });
    this.#temporary = temporary ? root : undefined;
    if (temporary) removeAtExit(root);
  }

  newBlob(): string {
    return randomUUID();
  }

  write(name: string): Writable {
    return createWriteStream(join(this.#blobs, name));
  }

  read(name: string): Readable {
    return createReadStream(join(this.#blobs, name));
  }

  writeSmall(name: string, bytes: Buffer): void {
    writeFileSync(join(this.#blobs, name), bytes);
  }

  remove(name: string): void {
    rmSync(join(this.#blobs, name), { force: true });
  }

  readRecord(key: string): string | undefined {
    try {
      return readFileSync(this.recordName(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  recordName(key: string): string {
    return join(this.#records, `${key}.json`);
  }

  writeRecord(key: string, text: string): void {
    const target = join(this.#records, `${key}.json`);
    const temporary = `${target}.${randomUUID()}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }

  removeRecord(key: string): void {
    try {
      unlinkSync(join(this.#records, `${key}.json`));
    } catch {
      // already gone
    }
  }

  recordKeys(): string[] {
    return readdirSync(this.#records)
      .filter((name) => name.endsWith('.json') && statSync(join(this.#records, name)).isFile())
      .map((name) => name.slice(0, -'.json'.length));
  }

  blobNames(): string[] {
    return readdirSync(this.#blobs);
  }

  dispose(): void {
    if (this.#temporary === undefined) return;
    temporaryFolders.delete(this.#temporary);
    rmSync(this.#temporary, { recursive: true, force: true });
  }
}

/** Everything in RAM: for tests only (a large upload is held whole). */
class MemoryStorage implements BlobStorage {
  readonly #blobs = new Map<string, Buffer[]>();
  readonly #records = new Map<string, string>();

  newBlob(): string {
    return randomUUID();
  }

  write(name: string): Writable {
    const chunks: Buffer[] = [];
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        chunks.push(chunk);
        done();
      },
      final: (done) => {
        this.#blobs.set(name, chunks);
        done();
      },
    });
  }

  read(name: string): Readable {
    const chunks = this.#blobs.get(name);
    if (chunks === undefined) {
      const missing = new PassThrough();
      queueMicrotask(() => missing.destroy(new Error(`blob ${name} is missing`)));
      return missing;
    }
    return Readable.from(chunks);
  }

  writeSmall(name: string, bytes: Buffer): void {
    this.#blobs.set(name, [bytes]);
  }

  remove(name: string): void {
    this.#blobs.delete(name);
  }

  readRecord(key: string): string | undefined {
    return this.#records.get(key);
  }

  recordName(key: string): string {
    return `memory record ${key}`;
  }

  writeRecord(key: string, text: string): void {
    this.#records.set(key, text);
  }

  removeRecord(key: string): void {
    this.#records.delete(key);
  }

  recordKeys(): string[] {
    return [...this.#records.keys()];
  }

  blobNames(): string[] {
    return [...this.#blobs.keys()];
  }

  dispose(): void {
    this.#blobs.clear();
    this.#records.clear();
  }
}
