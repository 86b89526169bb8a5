import { readFile, writeFile } from 'node:fs/promises';
import { FileAccessError, SchemaError } from '../../runtime/errors.js';
import { readSchemaDocument, workspaceDocumentText, type SchemaDocument } from '../workspace/workspace-document.js';
import type { WorkspaceMetadata } from '../workspace/workspace-metadata.js';

/**
 * Reads a saved schema from `path`, or from standard input when `path` is `-`: a plain
 * `query_schemas` answer (a JSON array) or a workspace document written by `--save-schema`.
 * @throws FileAccessError when the file cannot be read; SchemaError when it is neither.
 */
export async function readSchemaDocumentFile(path: string, stdin: AsyncIterable<string | Uint8Array> = process.stdin): Promise<SchemaDocument> {
  const where = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = path === '-' ? await readAll(stdin) : await readFile(path, 'utf8');
  } catch (cause) {
    throw new FileAccessError(`Cannot read the schema file ${where}: ${reason(cause)}.`, path, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SchemaError(`The schema file ${where} is not valid JSON: ${(cause as Error).message}.`, {}, { cause });
  }
  return readSchemaDocument(value, where);
}

/**
 * Reads the `query_schemas` answer a saved schema file holds (either form, see
 * `readSchemaDocumentFile`).
 * @throws FileAccessError when the file cannot be read; SchemaError when it holds no schema.
 */
export async function readSchemaFile(path: string, stdin: AsyncIterable<string | Uint8Array> = process.stdin): Promise<unknown[]> {
  return [...(await readSchemaDocumentFile(path, stdin)).schemas];
}

/**
 * Saves a live answer for later offline runs (`--schema-file`): one workspace document holding the
 * `query_schemas` answer and the workspace metadata (`null` when the server gave none).
 * @throws FileAccessError when the file cannot be written.
 */
export async function saveSchemaFile(path: string, schemas: readonly unknown[], workspace?: WorkspaceMetadata): Promise<void> {
  try {
    await writeFile(path, workspaceDocumentText(schemas, workspace));
  } catch (cause) {
    throw new FileAccessError(`Cannot save the schema to ${path}: ${reason(cause)}.`, path, { cause });
  }
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** A short reason for a file-system error, e.g. `no such file (ENOENT)`. */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a parent is not a folder',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  if (typeof code === 'string') return `${known[code] ?? 'file-system error'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
