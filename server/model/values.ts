import type { ScalarAttribute } from '../../runtime/schema/index.js';
import { formatNaiveUtc, isWireDateTime, parseIsoToUtc } from '../../runtime/protocol/datetime.js';
import { apiError } from '../api/api-error.js';

/** A datetime kept inside a `variable` value: `{"__type__": "datetime", "value": "YYYY-MM-DDTHH:MM:SS"}`. */
export interface StoredDateTime {
  readonly __type__: 'datetime';
  readonly value: string;
}

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** Fast check of an already canonical `YYYY-MM-DDTHH:MM:SS` (no rolled-over dates such as Feb 30). */
function isRealDate(text: string): boolean {
  const ms = Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10), +text.slice(11, 13), +text.slice(14, 16), +text.slice(17, 19));
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === text;
}

/** Splits `…THH:MM:SS.ffff…` into the text without its fraction and the fraction digits. */
const FRACTION = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d)\.(\d+)(.*)$/i;

/**
 * Naive UTC `YYYY-MM-DDTHH:MM:SS` for any accepted datetime form, or undefined. A non-zero
 * fraction is kept as six digits (microseconds, as Python's `isoformat` writes them):
 * `2026-03-01T10:00:00.1234567+01:00` → `2026-03-01T09:00:00.123456`. The fixed width keeps
 * stored values sorting chronologically as strings.
 */
export function normaliseDateTime(value: unknown): string | undefined {
  const text = isWireDateTime(value) ? value.value : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  if (CANONICAL.test(text) && isRealDate(text)) return text;
  const trimmed = text.trim();
  const fraction = FRACTION.exec(trimmed);
  const parsed = parseIsoToUtc(fraction === null ? trimmed : `${fraction[1]}${fraction[3]}`);
  if (parsed === undefined) return undefined;
  const micros = fraction === null ? '' : fraction[2]!.slice(0, 6).padEnd(6, '0');
  return micros === '' || /^0+$/.test(micros) ? formatNaiveUtc(parsed) : `${formatNaiveUtc(parsed)}.${micros}`;
}

/** The current time in stored form, to the microsecond the clock gives (milliseconds). */
export function nowStored(): string {
  const iso = new Date().toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const millis = iso.slice(20, 23);
  return millis === '000' ? iso.slice(0, 19) : `${iso.slice(0, 19)}.${millis}000`;
}

/**
 * Checks a client value against a scalar attribute and returns the stored form.
 * Date-time attributes are stored as naive UTC strings (which sort chronologically).
 */
export function toStored(attribute: ScalarAttribute, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  const fail = (expected: string): never => {
    throw apiError('ValidationError', `${where}: expected ${expected}, got ${describe(value)}.`, 'invalid_value');
  };
  if (attribute.isDateTime) return normaliseDateTime(value) ?? fail('a datetime (ISO 8601 string or datetime object)');
  switch (attribute.type) {
    case 'string':
      if (typeof value !== 'string') fail('a string');
      if (attribute.enum !== undefined && !attribute.enum.includes(value as string)) fail(`one of ${attribute.enum.join(', ')}`);
      return value;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : fail('an integer');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('a number');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('a boolean');
    case 'variable':
      return toStoredVariable(value) ?? fail('a string, number, boolean, datetime or list');
    default:
      return value;
  }
}

/** A `variable` value in stored form, or undefined when its shape is not allowed. */
export function toStoredVariable(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (isWireDateTime(value)) {
    const text = normaliseDateTime(value);
    return text === undefined ? undefined : { __type__: 'datetime', value: text };
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return [...value];
  return undefined;
}

/** The wire form of a stored scalar. */
export function toWire(attribute: ScalarAttribute | undefined, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (attribute?.isDateTime === true && typeof value === 'string') return { __type__: 'datetime', value };
  return value;
}

/** JSON kind of a value for messages and type checks. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isWireDateTime(value)) return 'a datetime';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** True for stored `variable` datetimes. */
export function isStoredDateTime(value: unknown): value is StoredDateTime {
  return typeof value === 'object' && value !== null && (value as StoredDateTime).__type__ === 'datetime';
}
