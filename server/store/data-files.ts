import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The file operations `--data` persistence uses: node:fs by default; `ServerOptions.dataFileSystem`
 * can wrap it (e.g. a disk that fails on demand in tests).
 *
 * @example
 * const failing: DataFileSystem = { ...fs, fdatasyncSync: () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); } };
 */
export type DataFileSystem = Pick<
  typeof fs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'fdatasyncSync'
  | 'ftruncateSync'
  | 'closeSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'readdirSync'
  | 'readFileSync'
  | 'existsSync'
  | 'statSync'
>;

/** The files that hold one `--data` workspace: the snapshot (FILE itself) and its journals. */
export class DataFiles {
  readonly folder: string;
  private readonly base: string;
  private counter = 0;

  constructor(readonly path: string, readonly fs: DataFileSystem) {
    this.folder = dirname(path);
    this.base = basename(path);
  }

  /** `FILE.journal.<generation>`. */
  journalPath(generation: number): string {
    return join(this.folder, `${this.base}.journal.${generation}`);
  }

  /** A fresh temporary name next to FILE (same file system, so a rename is atomic). */
  temporaryPath(): string {
    return join(this.folder, `${this.base}.${process.pid}.${++this.counter}.tmp`);
  }

  /** Journal generations present in the folder, ascending. */
  journalGenerations(): number[] {
    const prefix = `${this.base}.journal.`;
    return this.names()
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .map((name) => Number(name.slice(prefix.length)))
      .sort((a, b) => a - b);
  }

  /** Temporary snapshot files a crash left behind. */
  leftoverTemporaries(): string[] {
    const pattern = new RegExp(`^${escapeRegExp(this.base)}\\.\\d+\\.\\d+\\.tmp$`);
    return this.names()
      .filter((name) => pattern.test(name))
      .map((name) => join(this.folder, name));
  }

  /** Writes `data` completely to `fd` (a short write is continued). */
  writeAll(fd: number, data: Buffer): void {
    let offset = 0;
    while (offset < data.length) offset += this.fs.writeSync(fd, data, offset, data.length - offset);
  }

  /** Makes renames and new or removed names in the folder durable. */
  syncFolder(): void {
    let fd: number | undefined;
    try {
      fd = this.fs.openSync(this.folder, 'r');
      this.fs.fsyncSync(fd);
    } catch (error) {
      // Some platforms cannot open or fsync a folder; the rename itself is still atomic there.
      const code = (error as { code?: unknown }).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
    } finally {
      if (fd !== undefined) this.fs.closeSync(fd);
    }
  }

  /** Removes a file; a missing file is fine. */
  remove(path: string): void {
    try {
      this.fs.unlinkSync(path);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
  }

  private names(): string[] {
    return this.fs.readdirSync(this.folder, { encoding: 'utf8' });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `ENOSPC: no space left on device` → a short reason for messages. */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message;
}
