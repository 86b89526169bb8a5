import { ArgumentError } from '../errors.js';
import { quoteValue } from './expression.js';
import type { TypeRuntime } from './type-runtime.js';

/** What `session.get` accepts as a primary key: a value, values in schema order, or a record. */
export type PrimaryKeyInput = string | number | readonly (string | number)[] | Readonly<Record<string, string | number>>;

/** Primary-key values as strings in schema order, or `ArgumentError` when they do not fit. */
export function primaryKeyValues(runtime: TypeRuntime, input: PrimaryKeyInput): string[] {
  const names = runtime.primaryKey.map((a) => a.name);
  let values: unknown[];
  if (typeof input === 'string' || typeof input === 'number') values = [input];
  else if (Array.isArray(input)) values = [...input];
  else if (input !== null && typeof input === 'object') values = names.map((name) => (input as Record<string, unknown>)[name]);
  else values = [input];
  if (values.length !== names.length || values.some((v) => (typeof v !== 'string' && typeof v !== 'number') || v === '')) {
    throw new ArgumentError(
      `${runtime.name} has the primary key (${names.join(', ')}); got ${JSON.stringify(input)}. Pass ${names.length === 1 ? 'one value' : `${names.length} values in this order`}.`,
      { cause: { entityType: runtime.name, primaryKey: names } },
    );
  }
  return values.map(String);
}

/**
 * The where-condition selecting one entity by primary key; numeric keys are written bare.
 *
 * @example primaryKeyCondition(metadataRuntime, ['p1', 'fps']) // parent_id is "p1" and key is "fps"
 */
export function primaryKeyCondition(runtime: TypeRuntime, values: readonly string[]): string {
  return runtime.primaryKey
    .map((attribute, i) => {
      const value = values[i]!;
      const literal = attribute.isNumeric && /^-?\d+(\.\d+)?$/.test(value) ? value : quoteValue(value);
      return `${attribute.name} is ${literal}`;
    })
    .join(' and ');
}
