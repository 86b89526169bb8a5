import { knownValueShape } from './known-shapes.js';
import type { Attribute, AttributeBase, CollectionAttribute, MappedAttribute, ReferenceAttribute, ScalarAttribute, ScalarType } from './model.js';
import type { RawEntitySchema, RawProperty } from './raw-schema.js';
import type { WarningCollector } from './schema-warnings.js';

const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'variable']);
/** Formats with a meaning; others are read as the plain declared type. `date` values decode like date-times. */
const KNOWN_FORMATS: ReadonlySet<string> = new Set(['foreign_key', 'date-time', 'date', 'json', 'integer']);
const DATE_FORMATS: ReadonlySet<string> = new Set(['date-time', 'date']);

/** Name lists of the owning type that set attribute flags. */
export interface AttributeSets {
  readonly immutable: ReadonlySet<string>;
  readonly computed: ReadonlySet<string>;
  readonly required: ReadonlySet<string>;
  readonly primaryKey: ReadonlySet<string>;
}

/** What reading one property needs besides the property. */
export interface AttributeContext {
  readonly entityType: string;
  readonly sets: AttributeSets;
  readonly types: ReadonlyMap<string, RawEntitySchema>;
  readonly warnings: WarningCollector;
}

/**
 * Reads one property into an attribute, best-effort: every shape gives an attribute, and each
 * unexpected one a warning saying how it was read (docs/real-workspaces.md, "Tolerance rules").
 * `opaque`: the property was not a JSON object.
 */
export function readAttribute(name: string, property: RawProperty, opaque: boolean, context: AttributeContext): Attribute {
  const { entityType, sets } = context;
  const shape = knownValueShape(property);
  const warn = (code: Parameters<WarningCollector['add']>[0], text: string) => context.warnings.add(code, `${entityType}.${name}`, text);
  const base = {
    name,
    entityType,
    description: property.description,
    aliasFor: property.alias_for,
    deprecated: deprecationOf(property.deprecated) ?? (name.startsWith('_') ? (property.description ?? 'Internal or deprecated attribute.') : undefined),
    isPrimaryKey: sets.primaryKey.has(name),
    immutable: sets.immutable.has(name) || sets.primaryKey.has(name),
    // a known computed shape (`link`) is computed whatever the type's `computed` list says
    computed: sets.computed.has(name) || shape !== undefined,
    required: sets.required.has(name),
    restricted: property.restricted_projection === true,
    hasDefault: 'default' in property,
    default: property.default,
  };
  const scalar = (type: ScalarType, references?: string): Attribute => {
    const format = property.format;
    const attribute = scalarAttribute(base, type, format, type === 'string' && format !== undefined && DATE_FORMATS.has(format), property.enum, property.transform);
    if (references !== undefined) attribute.references = references;
    if (shape !== undefined) attribute.valueShape = shape;
    return attribute;
  };
  const anyJson = (): Attribute => scalar('object');
  const known = (ref: string | undefined): ref is string => ref !== undefined && context.types.has(ref);

  if (opaque) {
    warn('property_not_object', 'is not an object: read as any JSON value.');
    return anyJson();
  }
  const type = declaredType(property.type, warn);
  if (type === null) return anyJson();
  const ref = property.$ref;
  const itemRef = property.items?.$ref;

  if (type === 'array' || type === 'mapped_array') {
    const target = itemRef ?? ref;
    if (itemRef === undefined && ref !== undefined) warn('ref_with_type', `has "$ref" beside type "${type}" and no "items.$ref": "$ref" read as the item type.`);
    if (target === undefined) {
      warn('array_without_items', `is an ${type} without "items.$ref": read as any JSON value.`);
      return anyJson();
    }
    if (!known(target)) {
      warn('unknown_target', `refers to unknown entity type "${target}": read as any JSON value.`);
      return anyJson();
    }
    if (type === 'array') return relationAttribute(base, 'collection', target);
    const kv = property.key_value_attributes;
    if (kv !== undefined || base.restricted) return mappedAttribute(base, target, kv?.key, kv?.value);
    const itemProperties = context.types.get(target)!.properties;
    if (Object.hasOwn(itemProperties, 'key') && Object.hasOwn(itemProperties, 'value')) {
      warn('mapped_without_keys', `is a mapped_array without "key_value_attributes": read with key "key" and value "value" of ${target}.`);
      return mappedAttribute(base, target, 'key', 'value');
    }
    warn('mapped_without_keys', `is a mapped_array without "key_value_attributes" and ${target} has no "key" and "value": read as a collection.`);
    return relationAttribute(base, 'collection', target);
  }

  if (ref !== undefined) {
    const target = known(ref) ? ref : undefined;
    const to = target === undefined ? ` (unknown entity type "${ref}")` : ` to ${target}`;
    if (type === undefined && property.format === 'foreign_key') {
      warn('untyped_property', `has format "foreign_key" and "$ref" but no "type": read as a string foreign key${to}.`);
      return scalar('string', target);
    }
    if (type !== undefined && type !== 'object' && SCALAR_TYPES.has(type)) {
      warn('ref_with_type', `has both "$ref" and type "${type}": read by its "type" as a ${type} foreign key${to}.`);
      return withFormat(type as ScalarType, target);
    }
    if (type === undefined || type === 'object') {
      if (target === undefined) {
        warn('unknown_target', `refers to unknown entity type "${ref}": read as any JSON value.`);
        return anyJson();
      }
      if (type === 'object') warn('ref_with_type', `has both "$ref" and type "object": read as a reference to ${target}.`);
      return relationAttribute(base, 'reference', target);
    }
  }

  if (type === undefined) return untyped();
  if (!SCALAR_TYPES.has(type)) {
    if (property.format !== undefined && DATE_FORMATS.has(property.format)) {
      warn('unknown_type', `has unknown type "${type}" and format "${property.format}": read as a date-time.`);
      return scalar('string');
    }
    warn('unknown_type', `has unknown type "${type}": read as any JSON value.`);
    return anyJson();
  }
  return withFormat(type as ScalarType, undefined);

  function withFormat(scalarType: ScalarType, references: string | undefined): Attribute {
    const format = property.format;
    if (format !== undefined && !KNOWN_FORMATS.has(format)) warn('unknown_format', `has unknown format "${format}": read as a plain ${scalarType}.`);
    return scalar(scalarType, references);
  }

  function untyped(): Attribute {
    const format = property.format;
    if (format === 'foreign_key') {
      warn('untyped_property', 'has format "foreign_key" but no "type": read as a string foreign key.');
      return scalar('string');
    }
    if (format !== undefined && DATE_FORMATS.has(format)) {
      warn('untyped_property', `has format "${format}" but no "type": read as a date-time.`);
      return scalar('string');
    }
    if (itemRef !== undefined && known(itemRef)) {
      warn('untyped_property', `has "items" but no "type": read as a collection of ${itemRef}.`);
      return relationAttribute(base, 'collection', itemRef);
    }
    if (property.enum !== undefined) {
      warn('untyped_property', 'has "enum" but no "type": read as a string.');
      return scalar('string');
    }
    warn('untyped_property', 'has neither "type" nor "$ref": read as any JSON value.');
    return anyJson();
  }
}

// Attributes are written field by field, never as `{ ...base, … }`: with that spread, reading a schema
// was several times slower (the demo schema, measured alone: 10 → 1 ms per read), and every session
// and local server reads one. The field order is the spread's (base fields, kind, then the kind's own).

function scalarAttribute(
  base: AttributeBase,
  type: ScalarType,
  format: string | undefined,
  isDateTime: boolean,
  values: readonly string[] | undefined,
  transform: Readonly<Record<string, string>> | undefined,
): { -readonly [K in keyof ScalarAttribute]: ScalarAttribute[K] } {
  return {
    name: base.name,
    entityType: base.entityType,
    description: base.description,
    aliasFor: base.aliasFor,
    deprecated: base.deprecated,
    isPrimaryKey: base.isPrimaryKey,
    immutable: base.immutable,
    computed: base.computed,
    required: base.required,
    restricted: base.restricted,
    hasDefault: base.hasDefault,
    default: base.default,
    kind: 'scalar',
    type,
    format,
    isDateTime,
    enum: values,
    transform,
  };
}

function relationAttribute(base: AttributeBase, kind: 'reference' | 'collection', target: string): ReferenceAttribute | CollectionAttribute {
  return {
    name: base.name,
    entityType: base.entityType,
    description: base.description,
    aliasFor: base.aliasFor,
    deprecated: base.deprecated,
    isPrimaryKey: base.isPrimaryKey,
    immutable: base.immutable,
    computed: base.computed,
    required: base.required,
    restricted: base.restricted,
    hasDefault: base.hasDefault,
    default: base.default,
    kind,
    target,
  };
}

function mappedAttribute(base: AttributeBase, target: string, keyAttribute: string | undefined, valueAttribute: string | undefined): MappedAttribute {
  return {
    name: base.name,
    entityType: base.entityType,
    description: base.description,
    aliasFor: base.aliasFor,
    deprecated: base.deprecated,
    isPrimaryKey: base.isPrimaryKey,
    immutable: base.immutable,
    computed: base.computed,
    required: base.required,
    restricted: base.restricted,
    hasDefault: base.hasDefault,
    default: base.default,
    kind: 'mapped',
    target,
    keyAttribute,
    valueAttribute,
  };
}

/**
 * The declared `type`: a string, or the single non-null member of a JSON-Schema type list;
 * null (after a warning) when it names no type.
 */
function declaredType(value: unknown, warn: (code: 'unknown_type', text: string) => void): string | undefined | null {
  if (value === undefined || typeof value === 'string') return value;
  const members = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== 'null') : [];
  if (members.length === 1) {
    warn('unknown_type', `has type list ${JSON.stringify(value)}: read as "${members[0]}".`);
    return members[0];
  }
  warn('unknown_type', `has type ${JSON.stringify(value)}, not a type name: read as any JSON value.`);
  return null;
}

/** The deprecation message of a `deprecated` field, or undefined. */
export function deprecationOf(value: unknown): string | undefined {
  if (value === undefined || value === false || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') return value.message;
  return 'Deprecated.';
}
