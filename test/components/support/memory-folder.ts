import { accessSync, constants, statfsSync } from 'node:fs';
import { tempDir } from '../../support/temp-dirs.js';

const TMPFS = '/dev/shm';

/**
 * A temporary folder for the large-file tests (removed at the end of the test file, as every
 * `tempDir`): on tmpfs when there is one with `bytes` free, else in the OS's temporary folder.
 * The bytes and what the tests prove about them are the same; the kernel work is not: on a disk
 * file system every 4 KiB of a sparse file's hole that is read becomes a zeroed page-cache page
 * (seconds of system time per GiB on a VM) and written data is flushed to the disk by kernel
 * threads, while tmpfs reads holes from the zero page and never writes back.
 */
export function memoryFolder(prefix: string, bytes: number): string {
  try {
    accessSync(TMPFS, constants.W_OK);
    const free = statfsSync(TMPFS);
    if (free.bavail * free.bsize >= bytes) return tempDir(prefix, TMPFS);
  } catch {
    // no tmpfs here: the OS's temporary folder
  }
  return tempDir(prefix);
}

/**
 * Environment for the processes that move a gigabyte: glibc's malloc keeps freed memory instead of
 * handing the top of its heap back to the kernel whenever 128 KiB are free. Node allocates a fresh
 * buffer per 64 KiB read from a file or socket; with the default, the heap shrinks and grows again
 * all the time, and every page it grows by is a page fault (about 200,000 per GiB moved, seconds
 * of system time on a VM). Freed memory is kept, not returned: a peak RSS measured under it is not
 * lower than without it (the large client upload's child: ~150 MiB instead of ~143).
 */
export const KEEP_FREED_MEMORY: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: String(256 * 1024 * 1024) };
