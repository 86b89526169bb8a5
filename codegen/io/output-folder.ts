import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { FileAccessError } from '../../runtime/errors.js';
import type { GeneratedFile } from '../declarations/declarations.js';
import { reason } from './schema-file.js';

/** What writing changed. */
export interface WriteResult {
  /** Files created or rewritten, relative paths. */
  readonly written: readonly string[];
  /** Files already identical, left untouched. */
  readonly unchanged: readonly string[];
}

/** What `--check` found. */
export interface CheckResult {
  /** Files whose content differs. */
  readonly stale: readonly string[];
  /** Files that do not exist. */
  readonly missing: readonly string[];
  readonly upToDate: boolean;
}

/**
 * Writes the generated files into `dir` (created when absent), rewriting only files whose bytes differ.
 * @throws FileAccessError naming the folder or file that could not be written.
 */
export async function writeGeneratedFiles(dir: string, files: readonly GeneratedFile[]): Promise<WriteResult> {
  try {
    await ensureFolder(resolve(dir));
  } catch (cause) {
    throw new FileAccessError(`Cannot create the output folder ${dir}: ${reason(cause)}.`, dir, { cause });
  }
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const path = join(dir, file.path);
    if ((await readIfExists(path)) === file.content) {
      unchanged.push(file.path);
      continue;
    }
    try {
      await writeFile(path, file.content);
    } catch (cause) {
      throw new FileAccessError(`Cannot write ${path}: ${reason(cause)}.`, path, { cause });
    }
    written.push(file.path);
  }
  return { written, unchanged };
}

/** Compares the generated files with `dir` without writing anything. */
export async function checkGeneratedFiles(dir: string, files: readonly GeneratedFile[]): Promise<CheckResult> {
  const stale: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const existing = await readIfExists(join(dir, file.path));
    if (existing === undefined) missing.push(file.path);
    else if (existing !== file.content) stale.push(file.path);
  }
  return { stale, missing, upToDate: stale.length === 0 && missing.length === 0 };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new FileAccessError(`Cannot read ${path}: ${reason(cause)}.`, path, { cause });
  }
}

/**
 * `mkdir -p`, one level at a time (Node 20's recursive mkdir can spin forever on paths such as
 * `/proc/x`); a path that exists but is not a folder fails with ENOTDIR.
 */
async function ensureFolder(path: string): Promise<void> {
  const existing = await stat(path).catch((error: { code?: unknown }) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    if (!existing.isDirectory()) throw Object.assign(new Error(`${path} is not a folder`), { code: 'ENOTDIR' });
    return;
  }
  const parent = dirname(path);
  if (parent !== path) await ensureFolder(parent);
  await mkdir(path).catch((error: { code?: unknown }) => {
    if (error.code !== 'EEXIST') throw error;
  });
}
