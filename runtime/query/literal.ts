import { QueryError } from '../errors.js';
import { formatNaiveUtc, isDateLike, parseIsoToUtc } from '../protocol/datetime.js';
import type { ScalarAttribute } from '../schema/model.js';
import type { Literal } from './nodes.js';

/** How a scalar attribute's values are checked and which operators it has. */
export type ScalarKind = 'string' | 'number' | 'boolean' | 'datetime' | 'variable' | 'json';

/** The scalar kind of a schema attribute (from its `type` and `format`). */
export function scalarKind(attribute: ScalarAttribute): ScalarKind {
  if (attribute.isDateTime) return 'datetime';
  switch (attribute.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'variable':
      return 'variable';
    case 'object':
      return 'json';
  }
}

/** Converts a user value for an attribute of `kind` into a literal; QueryError when it does not fit. */
export function toLiteral(kind: ScalarKind, value: unknown, path: string): Literal {
  switch (kind) {
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'number':
      if (typeof value === 'number') return value;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'datetime':
      return toDateTimeLiteral(value, path);
    case 'variable':
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      if (isDateLike(value)) return toDateTimeLiteral(value, path);
      break;
    case 'json':
      break;
  }
  throw new QueryError(`${path} is a ${kind} attribute and cannot be compared with ${describe(value)}.`, {
    cause: { path, kind, valueType: typeof value },
  });
}

function toDateTimeLiteral(value: unknown, path: string): Literal {
  if (isDateLike(value)) {
    try {
      return { kind: 'datetime', utc: formatNaiveUtc(value) };
    } catch (error) {
      throw new QueryError(`${path}: the date is invalid.`, { cause: error });
    }
  }
  if (typeof value === 'string') {
    const parsed = parseIsoToUtc(value);
    if (parsed !== undefined) return { kind: 'datetime', utc: formatNaiveUtc(parsed) };
    throw new QueryError(`${path}: ${JSON.stringify(value)} is not an ISO 8601 date or datetime (e.g. 2024-01-31 or 2024-01-31T09:30:00Z).`, {
      cause: { path, value },
    });
  }
  throw new QueryError(`${path} is a datetime attribute: pass a dayjs, a Date or an ISO 8601 string, not ${describe(value)}.`, {
    cause: { path, valueType: typeof value },
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null (use isNone())';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `a ${typeof value}`;
}
