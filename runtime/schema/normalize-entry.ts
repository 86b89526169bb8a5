import { SchemaError } from '../errors.js';
import { describeJson, isPlainObject, normalizeProperty } from './normalize-property.js';
import type { RawEntitySchema, RawProperty, RawStorageAlias } from './raw-schema.js';
import type { WarningCollector } from './schema-warnings.js';

/** An entry after the tolerance rules, and the properties that were not objects at all. */
export interface NormalizedEntry {
  readonly entry: RawEntitySchema;
  /** Properties whose value was not a JSON object (read as any JSON value). */
  readonly opaque: ReadonlySet<string>;
}

const stringList = (value: unknown) => (Array.isArray(value) ? value : undefined);

/** Known top-level fields; the rest are kept and warned about once per field name. */
const LIST_FIELDS = ['primary_key', 'required', 'immutable', 'computed', 'default_projections', 'system_projections'] as const;
const OTHER_FIELDS = new Set(['id', 'type', 'properties', 'alias_for', '$mixin', 'metadata', 'deprecated']);

/**
 * Applies the entry-level tolerance rules to schema entry `index`. Only an entry that is not an
 * object or has no string `id` is unusable.
 *
 * @throws SchemaError for an entry that is not an object or has no `id`.
 */
export function normalizeEntry(entry: unknown, index: number, warnings: WarningCollector): NormalizedEntry {
  const id = entryId(entry, index);
  const value = entry as Record<string, unknown>; // an object: entryId checked it
  const out: Record<string, unknown> = { ...value };
  for (const field of Object.keys(value)) {
    if (!OTHER_FIELDS.has(field) && !(LIST_FIELDS as readonly string[]).includes(field)) warnings.add('unknown_key', id, `unknown field "${field}": ignored.`);
  }
  const invalid = (field: string, fieldValue: unknown) => {
    warnings.add('invalid_field', id, `"${field}" is ${describeJson(fieldValue)}, not the expected shape: ignored.`);
    delete out[field];
  };
  for (const field of LIST_FIELDS) {
    if (!(field in value)) continue;
    const list = stringList(value[field]);
    if (list === undefined) invalid(field, value[field]);
    else if (list.some((item) => typeof item !== 'string')) {
      warnings.add('invalid_field', id, `"${field}" holds values that are not strings: they are ignored.`);
      out[field] = list.filter((item): item is string => typeof item === 'string');
    }
  }
  const { properties, opaque } = normalizeProperties(id, value.properties, warnings);
  out.properties = properties;
  if ('alias_for' in value) {
    const alias = storageAlias(value.alias_for);
    if (alias === undefined) invalid('alias_for', value.alias_for);
    else out.alias_for = alias;
  }
  if ('$mixin' in value && !(isPlainObject(value.$mixin) && typeof value.$mixin.$ref === 'string')) {
    warnings.add('unknown_mixin', id, `"$mixin" is ${describeJson(value.$mixin)} without a "$ref" string: ignored (read as a base type).`);
    delete out.$mixin;
  }
  if ('metadata' in value && !isPlainObject(value.metadata)) invalid('metadata', value.metadata);
  out.primary_key = primaryKey(id, out.primary_key as string[] | undefined, properties, warnings);
  out.default_projections = defaultProjections(id, out.default_projections as string[] | undefined, properties, warnings);
  return { entry: out as unknown as RawEntitySchema, opaque };
}

/**
 * The entity type name of schema entry `index`.
 * @throws SchemaError for an entry that is not an object or has no non-empty string `id`.
 */
export function entryId(value: unknown, index: number): string {
  if (!isPlainObject(value)) throw new SchemaError(`Malformed schema: schema entry ${index} is ${describeJson(value)}, not an entity type object.`);
  const id = value.id;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new SchemaError(`Malformed schema: schema entry ${index} has no entity type name ("id" is ${id === undefined ? 'missing' : describeJson(id)}).`);
  }
  return id;
}

/** Keys the protocol itself uses in every entity payload (`{"__entity_type__": "Task", …}`). */
const RESERVED_PROPERTIES = new Set(['__entity_type__']);

function normalizeProperties(id: string, value: unknown, warnings: WarningCollector) {
  // no prototype: property names such as "__proto__" or "constructor" stay ordinary keys
  const properties = Object.create(null) as Record<string, RawProperty>;
  const opaque = new Set<string>();
  if (!isPlainObject(value)) {
    const found = value === undefined ? 'no "properties"' : `"properties" that is ${describeJson(value)}`;
    warnings.add('missing_properties', id, `has ${found}: read with no attributes besides its primary key.`);
    return { properties, opaque };
  }
  for (const [name, property] of Object.entries(value)) {
    if (RESERVED_PROPERTIES.has(name)) {
      warnings.add('reserved_property', `${id}.${name}`, `is the wire protocol's entity type marker, so no value of it could be sent or read: dropped.`);
      continue;
    }
    const normalized = normalizeProperty(property, `${id}.${name}`, warnings);
    if (normalized === undefined) opaque.add(name);
    properties[name] = normalized ?? {};
  }
  return { properties, opaque };
}

/** A string, or `{id, classifiers}` with string classifier values (others are dropped). */
function storageAlias(value: unknown): string | RawStorageAlias | undefined {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value) || typeof value.id !== 'string') return undefined;
  const classifiers = isPlainObject(value.classifiers) ? value.classifiers : {};
  const kept = Object.fromEntries(Object.entries(classifiers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return { ...value, id: value.id, classifiers: kept };
}

/** A non-empty key whose names are properties: `id` when none is usable; missing names become string properties. */
function primaryKey(id: string, given: readonly string[] | undefined, properties: Record<string, RawProperty>, warnings: WarningCollector): string[] {
  const names = [...new Set((given ?? []).filter((name) => name !== '' && !RESERVED_PROPERTIES.has(name)))];
  if (names.length === 0) {
    warnings.add('missing_primary_key', id, `has no usable "primary_key": read with primary key ["id"].`);
    names.push('id');
  }
  for (const name of names) {
    if (Object.hasOwn(properties, name)) continue;
    warnings.add('primary_key_not_property', id, `primary key "${name}" is not a property: read as a string attribute.`);
    properties[name] = { type: 'string' };
  }
  return names;
}

/** Default projections whose first path segment is a property (others would fail every default query). */
function defaultProjections(id: string, given: readonly string[] | undefined, properties: Record<string, RawProperty>, warnings: WarningCollector) {
  if (given === undefined) return undefined;
  const kept = given.filter((path) => {
    const known = Object.hasOwn(properties, path.split('.')[0]!);
    if (!known) warnings.add('invalid_field', id, `"default_projections" names "${path}", which is not a property: dropped.`);
    return known;
  });
  return kept.length > 0 ? kept : undefined;
}
