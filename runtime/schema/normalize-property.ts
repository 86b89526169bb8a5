import type { RawProperty } from './raw-schema.js';
import type { WarningCollector } from './schema-warnings.js';

type Check = (value: unknown) => unknown;

const isString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const isBoolean = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
const anything = (value: unknown) => value;

/** Known property fields and how each is checked (undefined = wrong JSON type, dropped). */
const PROPERTY_FIELDS: Readonly<Record<string, Check>> = {
  type: anything, // checked by readAttribute: a string, or a JSON-Schema list of strings
  $ref: isString,
  items: (value) => (isPlainObject(value) ? { ...value, $ref: isString(value.$ref) } : undefined),
  format: isString,
  alias_for: isString,
  description: isString,
  default: anything,
  restricted_projection: isBoolean,
  key_value_attributes: (value) =>
    isPlainObject(value) && typeof value.key === 'string' && typeof value.value === 'string' ? { ...value, key: value.key, value: value.value } : undefined,
  transform: (value) => (isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string') ? value : undefined),
  enum: (value) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined),
  deprecated: anything,
};

/**
 * The property `value` of `place` (`Type.attribute`) with fields of the wrong JSON type dropped
 * (one `invalid_field` warning each) and unknown fields kept (one `unknown_key` warning each);
 * undefined when the property is not an object at all.
 */
export function normalizeProperty(value: unknown, place: string, warnings: WarningCollector): RawProperty | undefined {
  if (!isPlainObject(value)) return undefined;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [field, fieldValue] of Object.entries(value)) {
    const check = PROPERTY_FIELDS[field];
    if (check === undefined) {
      warnings.add('unknown_key', place, `unknown property field "${field}": ignored.`);
      out[field] = fieldValue;
      continue;
    }
    const checked = check(fieldValue);
    if (checked === undefined) warnings.add('invalid_field', place, `"${field}" is ${describeJson(fieldValue)}, not the expected shape: ignored.`);
    else out[field] = checked;
  }
  if (out.items !== undefined && (out.items as { $ref?: unknown }).$ref === undefined) delete (out.items as { $ref?: unknown }).$ref;
  return out as RawProperty;
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a string`, `null`, `a list`, `the number 3` … for messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}
