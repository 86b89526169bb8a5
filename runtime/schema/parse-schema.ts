import { SchemaError } from '../errors.js';
import type { Attribute, Classifier, EntityTypeModel, SchemaModel, ScalarType } from './model.js';
import { rawEntitySchema, type RawEntitySchema, type RawProperty } from './raw-schema.js';

const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'variable']);

/**
 * Parses a `query_schemas` answer into the schema model used by the session,
 * the code generator and the local server.
 *
 * @example
 * const model = parseSchemas(await session.call([{ action: 'query_schemas' }]).then((r) => r[0]));
 * model.types.get('Task')?.primaryKey; // ['id']
 * @throws SchemaError naming the type and attribute when the answer is malformed.
 */
export function parseSchemas(input: unknown): SchemaModel {
  if (!Array.isArray(input)) {
    throw new SchemaError(`A query_schemas answer must be an array of entity schemas, got ${describe(input)}.`);
  }
  const raw: RawEntitySchema[] = input.map((entry, index) => validateEntry(entry, index));
  const byName = new Map<string, RawEntitySchema>();
  for (const entry of raw) {
    if (byName.has(entry.id)) throw new SchemaError(`Entity type "${entry.id}" appears twice in the schema.`, { entityType: entry.id });
    byName.set(entry.id, entry);
  }
  const subtypes = new Map<string, string[]>();
  for (const entry of raw) {
    const base = entry.$mixin?.$ref;
    if (base === undefined) continue;
    if (!byName.has(base)) {
      throw new SchemaError(`${entry.id}: $mixin refers to unknown entity type "${base}".`, { entityType: entry.id });
    }
    const list = subtypes.get(base) ?? [];
    list.push(entry.id);
    subtypes.set(base, list);
  }
  const types = new Map<string, EntityTypeModel>();
  for (const name of [...byName.keys()].sort(compareNames)) {
    types.set(name, buildType(byName.get(name)!, byName, subtypes));
  }
  assertNoMixinCycle(types);
  return { types, raw };
}

function validateEntry(entry: unknown, index: number): RawEntitySchema {
  const parsed = rawEntitySchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  const id = typeof entry === 'object' && entry !== null && 'id' in entry ? String((entry as { id: unknown }).id) : undefined;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  const attribute = path[0] === 'properties' ? path[1] : undefined;
  const where = id ? `entity type "${id}"` : `schema entry ${index}`;
  throw new SchemaError(
    `Malformed schema: ${where}${attribute ? `, attribute "${attribute}"` : ''}: ${issue.message} at ${path.join('.') || '(root)'}.`,
    { entityType: id, attribute },
    { cause: parsed.error },
  );
}

function buildType(
  entry: RawEntitySchema,
  byName: ReadonlyMap<string, RawEntitySchema>,
  subtypes: ReadonlyMap<string, string[]>,
): EntityTypeModel {
  const properties = entry.properties;
  const primaryKey = entry.primary_key;
  for (const key of primaryKey) {
    if (!(key in properties)) {
      throw new SchemaError(`${entry.id}: primary key attribute "${key}" is not a property.`, { entityType: entry.id, attribute: key });
    }
  }
  const sets = {
    immutable: new Set(entry.immutable ?? []),
    computed: new Set(entry.computed ?? []),
    required: new Set(entry.required ?? []),
    primaryKey: new Set(primaryKey),
  };
  const attributes = new Map<string, Attribute>();
  for (const name of Object.keys(properties).sort(compareNames)) {
    attributes.set(name, buildAttribute(entry.id, name, properties[name]!, sets, byName));
  }
  const storageAlias = entry.alias_for;
  const classifiers: Classifier[] =
    typeof storageAlias === 'object'
      ? Object.entries(storageAlias.classifiers).map(([internalName, value]) => ({
          attribute: publicName(properties, internalName) ?? internalName,
          internalName,
          value,
        }))
      : [];
  const systemProjections = (entry.system_projections ?? [])
    .map((internal) => publicName(properties, internal))
    .filter((name): name is string => name !== undefined);
  return {
    name: entry.id,
    storage: typeof storageAlias === 'string' ? storageAlias : storageAlias?.id,
    classifiers,
    base: entry.$mixin?.$ref,
    subtypes: [...(subtypes.get(entry.id) ?? [])].sort(compareNames),
    family: collectFamily(entry.id, subtypes),
    primaryKey,
    attributes,
    defaultProjections: entry.default_projections ?? [...primaryKey],
    systemProjections: [...new Set(systemProjections)],
    groupBy: entry.metadata?.group_by === true,
    deprecated: deprecationOf(entry.deprecated),
    raw: entry,
  };
}

interface AttributeSets {
  immutable: ReadonlySet<string>;
  computed: ReadonlySet<string>;
  required: ReadonlySet<string>;
  primaryKey: ReadonlySet<string>;
}

function buildAttribute(
  entityType: string,
  name: string,
  property: RawProperty,
  sets: AttributeSets,
  byName: ReadonlyMap<string, RawEntitySchema>,
): Attribute {
  const fail = (message: string): never => {
    throw new SchemaError(`Malformed schema: ${entityType}.${name}: ${message}`, { entityType, attribute: name });
  };
  const base = {
    name,
    entityType,
    description: property.description,
    aliasFor: property.alias_for,
    deprecated: deprecationOf(property.deprecated) ?? (name.startsWith('_') ? deprecatedByName(property) : undefined),
    isPrimaryKey: sets.primaryKey.has(name),
    immutable: sets.immutable.has(name) || sets.primaryKey.has(name),
    computed: sets.computed.has(name),
    required: sets.required.has(name),
    restricted: property.restricted_projection === true,
    hasDefault: 'default' in property,
    default: property.default,
  };
  const target = (ref: string | undefined): string => {
    if (ref === undefined) return fail('a relation needs a target type.');
    if (!byName.has(ref)) return fail(`refers to unknown entity type "${ref}".`);
    return ref;
  };
  if (property.$ref !== undefined) {
    if (property.type !== undefined) fail(`has both "$ref" and "type".`);
    return { ...base, kind: 'reference', target: target(property.$ref) };
  }
  switch (property.type) {
    case undefined:
      return fail('has neither "type" nor "$ref".');
    case 'array':
      return { ...base, kind: 'collection', target: target(property.items?.$ref) };
    case 'mapped_array': {
      const kv = property.key_value_attributes;
      if (kv === undefined && !base.restricted) fail('a mapped_array needs "key_value_attributes".');
      return { ...base, kind: 'mapped', target: target(property.items?.$ref), keyAttribute: kv?.key, valueAttribute: kv?.value };
    }
    default:
      if (!SCALAR_TYPES.has(property.type)) fail(`unknown type "${property.type}".`);
      return {
        ...base,
        kind: 'scalar',
        type: property.type as ScalarType,
        format: property.format,
        isDateTime: property.type === 'string' && property.format === 'date-time',
        enum: property.enum,
        transform: property.transform,
      };
  }
}

/** Maps an internal column name back to the public attribute whose `alias_for` is it. */
function publicName(properties: Readonly<Record<string, RawProperty>>, internal: string): string | undefined {
  if (internal in properties) return internal;
  for (const [name, property] of Object.entries(properties)) {
    if (property.alias_for === internal) return name;
  }
  return undefined;
}

function collectFamily(name: string, subtypes: ReadonlyMap<string, string[]>): string[] {
  const out = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (out.has(current)) continue;
    out.add(current);
    stack.push(...(subtypes.get(current) ?? []));
  }
  return [...out].sort(compareNames);
}

function assertNoMixinCycle(types: ReadonlyMap<string, EntityTypeModel>): void {
  for (const type of types.values()) {
    const seen = new Set<string>();
    let current: string | undefined = type.name;
    while (current !== undefined) {
      if (seen.has(current)) {
        throw new SchemaError(`${type.name}: $mixin chain loops back to "${current}".`, { entityType: type.name });
      }
      seen.add(current);
      current = types.get(current)?.base;
    }
  }
}

function deprecationOf(value: unknown): string | undefined {
  if (value === undefined || value === false || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') return value.message;
  return 'Deprecated.';
}

function deprecatedByName(property: RawProperty): string {
  return property.description ?? 'Internal or deprecated attribute.';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Deterministic, locale-independent ordering of names. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
