/**
 * Small builders that write `query_schemas` entries in the wire format (see spec section 4).
 * They only save typing: the output is plain JSON, property order as written.
 */

/** One property of a schema entry, exactly as sent on the wire. */
export type SchemaProperty = Readonly<Record<string, unknown>>;

/** One entity type of a `query_schemas` answer, exactly as sent on the wire. */
export type SchemaEntry = Readonly<Record<string, unknown>>;

/** Options shared by the property builders. */
export interface PropertyOptions {
  /** Internal column name (`alias_for`). */
  alias?: string;
  description?: string;
  /** Schema default; `"{uid}"` means "generate a UUID". */
  default?: unknown;
  enum?: readonly string[];
  /** Marks a schema-id ↔ table-name value (`parent_type`, `from_entity_type`). */
  transform?: boolean;
}

function withOptions(base: Record<string, unknown>, options: PropertyOptions): SchemaProperty {
  const out = base;
  if (options.alias !== undefined) out.alias_for = options.alias;
  if ('default' in options) out.default = options.default;
  if (options.enum !== undefined) out.enum = [...options.enum];
  if (options.transform === true) out.transform = { client: '{schema_id}', server: '{table_name}' };
  if (options.description !== undefined) out.description = options.description;
  return out;
}

/** `{"type": "string"}`. */
export const string = (options: PropertyOptions = {}): SchemaProperty => withOptions({ type: 'string' }, options);
/** `{"type": "integer"}`. */
export const integer = (options: PropertyOptions = {}): SchemaProperty => withOptions({ type: 'integer' }, options);
/** `{"type": "number"}`. */
export const number = (options: PropertyOptions = {}): SchemaProperty => withOptions({ type: 'number' }, options);
/** `{"type": "boolean"}`. */
export const boolean = (options: PropertyOptions = {}): SchemaProperty => withOptions({ type: 'boolean' }, options);
/** `{"type": "variable"}`: number, string, boolean, datetime or null. */
export const variable = (options: PropertyOptions = {}): SchemaProperty => withOptions({ type: 'variable' }, options);
/** `{"type": "object"}` (e.g. `thumbnail_url`). */
export const object = (options: PropertyOptions = {}): SchemaProperty => withOptions({ type: 'object' }, options);
/** `{"type": "string", "format": "date-time"}`. */
export const dateTime = (options: PropertyOptions = {}): SchemaProperty =>
  withOptions({ type: 'string', format: 'date-time' }, options);
/** A primary key with a generated UUID default. */
export const uid = (alias?: string): SchemaProperty =>
  withOptions({ type: 'string' }, alias === undefined ? { default: '{uid}' } : { alias, default: '{uid}' });

/** A scalar foreign key: `format: "foreign_key"`, description `Foreign key(s): <Target>.id`. */
export function foreignKey(target: string, options: Omit<PropertyOptions, 'description'> = {}): SchemaProperty {
  return withOptions({ type: 'string', format: 'foreign_key' }, { ...options, description: `Foreign key(s): ${target}.id` });
}

/** A `$ref` relation (one entity or null). */
export function reference(target: string, options: Pick<PropertyOptions, 'alias' | 'description'> = {}): SchemaProperty {
  return withOptions({ $ref: target }, options);
}

/** An `array` relation (a collection of entities). */
export function collection(target: string, options: Pick<PropertyOptions, 'alias' | 'description'> = {}): SchemaProperty {
  return withOptions({ type: 'array', items: { $ref: target } }, options);
}

/** A `mapped_array` keyed by the items' `key` with values in `value` (`metadata`, `custom_attributes`). */
export function mappedArray(target: string, options: Pick<PropertyOptions, 'alias' | 'description'> = {}): SchemaProperty {
  return withOptions(
    { type: 'mapped_array', items: { $ref: target }, key_value_attributes: { key: 'key', value: 'value' } },
    options,
  );
}

/** A filter-only `mapped_array` (`restricted_projection: true`): usable in `where`, never in `select`. */
export function restrictedMappedArray(target: string): SchemaProperty {
  return { type: 'mapped_array', restricted_projection: true, items: { $ref: target } };
}

/** Everything an entity type declares; lists use public attribute names unless noted. */
export interface EntityDefinition {
  id: string;
  properties: Readonly<Record<string, SchemaProperty>>;
  /** Defaults to `["id"]`. */
  primaryKey?: readonly string[];
  required: readonly string[];
  /** The primary key is added automatically. */
  immutable?: readonly string[];
  computed?: readonly string[];
  /** Defaults to the primary key. */
  defaultProjections?: readonly string[];
  /** Internal column names, as the real server lists them (`showid`, `assetid`, …). */
  systemProjections?: readonly string[];
  /** Storage name, or the classifier form used by subtypes sharing a base's storage. */
  aliasFor?: string | { id: string; classifiers: Readonly<Record<string, string>> };
  /** `$mixin` base type. */
  mixin?: string;
  /** `metadata: {group_by: true}`: the type supports `group by` aggregation. */
  groupBy?: boolean;
}

/** Assembles one schema entry in the real key order. */
export function entity(definition: EntityDefinition): SchemaEntry {
  const primaryKey = definition.primaryKey ?? ['id'];
  const out: Record<string, unknown> = { id: definition.id, type: 'object' };
  if (definition.mixin !== undefined) out.$mixin = { $ref: definition.mixin };
  if (definition.aliasFor !== undefined) {
    out.alias_for =
      typeof definition.aliasFor === 'string'
        ? definition.aliasFor
        : { id: definition.aliasFor.id, classifiers: { ...definition.aliasFor.classifiers } };
  }
  out.properties = { ...definition.properties };
  out.primary_key = [...primaryKey];
  out.required = [...definition.required];
  out.immutable = [...new Set([...primaryKey, ...(definition.immutable ?? [])])];
  if (definition.computed !== undefined) out.computed = [...definition.computed];
  out.default_projections = [...(definition.defaultProjections ?? primaryKey)];
  if (definition.systemProjections !== undefined) out.system_projections = [...definition.systemProjections];
  if (definition.groupBy === true) out.metadata = { group_by: true };
  return out;
}
