import { md5Hex } from './md5.js';
import { SchemaError } from '../errors.js';

/**
 * The `schema_hash` of a `query_schemas` answer: MD5 hex of the JSON text the Python client
 * compares against (keys sorted, `", "` and `": "` separators, non-ASCII escaped as `\uXXXX`).
 */
export function computeSchemaHash(schemas: unknown): string {
  return md5Hex(pythonJson(schemas));
}

/**
 * Deepest nesting hashed. Python's `json.dumps` stops at its recursion limit (1000), so no ftrack
 * server sends deeper; a deeper value is a `SchemaError`, never a stack overflow.
 */
export const MAX_SCHEMA_DEPTH = 1000;

/** `json.dumps(value, sort_keys=True)` as Python writes it. */
export function pythonJson(value: unknown, depth = 0): string {
  if (depth > MAX_SCHEMA_DEPTH) throw new SchemaError(`The schema nests deeper than ${MAX_SCHEMA_DEPTH} levels; no ftrack server sends such a schema.`);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJson(item, depth + 1)).join(', ')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .map((key) => `${pythonString(key)}: ${pythonJson((value as Record<string, unknown>)[key], depth + 1)}`);
  return `{${entries.join(', ')}}`;
}

function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
