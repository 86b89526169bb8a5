import { SchemaError } from '../errors.js';
import type { Attribute, Classifier, EntityTypeModel, SchemaModel } from './model.js';
import { entryId, normalizeEntry } from './normalize-entry.js';
import { describeJson } from './normalize-property.js';
import type { RawEntitySchema, RawProperty } from './raw-schema.js';
import { deprecationOf, readAttribute } from './read-attribute.js';
import { WarningCollector, type SchemaWarningHandler } from './schema-warnings.js';

/** Options of `parseSchemas`. */
export interface ParseSchemaOptions {
  /** Receives each warning once the whole schema is read (they are also on `model.warnings`). */
  readonly onWarning?: SchemaWarningHandler;
}

/**
 * Parses a `query_schemas` answer into the schema model used by the session, the code generator
 * and the local server. Tolerant: unknown or inconsistent shapes are read best-effort, each
 * reported once as a warning (`model.warnings`, `onWarning`); see docs/real-workspaces.md.
 *
 * @example
 * const model = parseSchemas(await session.call([{ action: 'query_schemas' }]).then((r) => r[0]), { onWarning: (w) => console.warn(w.message) });
 * model.types.get('Task')?.primaryKey; // ['id']
 * @throws SchemaError only for an unusable document: not an array, or an entry that is not an object or has no `id`.
 */
export function parseSchemas(input: unknown, options: ParseSchemaOptions = {}): SchemaModel {
  if (!Array.isArray(input)) {
    throw new SchemaError(`A query_schemas answer must be an array of entity schemas, got ${describeJson(input)}.`);
  }
  const warnings = new WarningCollector();
  const byName = new Map<string, RawEntitySchema>();
  const opaque = new Map<string, ReadonlySet<string>>();
  input.forEach((value, index) => {
    const id = entryId(value, index);
    if (byName.has(id)) {
      warnings.add('duplicate_type', id, `appears more than once: the first entry is read, later ones are ignored.`);
      return;
    }
    const normalized = normalizeEntry(value, index, warnings);
    byName.set(id, normalized.entry);
    opaque.set(id, normalized.opaque);
  });
  const bases = resolveBases(byName, warnings);
  const subtypes = new Map<string, string[]>();
  for (const [name, base] of bases) {
    const list = subtypes.get(base) ?? [];
    list.push(name);
    subtypes.set(base, list);
  }
  const types = new Map<string, EntityTypeModel>();
  for (const name of [...byName.keys()].sort(compareNames)) {
    const entry = byName.get(name)!;
    types.set(name, buildType(entry, bases.get(name), subtypes, opaque.get(name)!, byName, warnings));
  }
  const list = warnings.warnings();
  if (options.onWarning !== undefined) for (const warning of list) options.onWarning(warning);
  return { types, raw: [...byName.values()], warnings: list };
}

/** Each type's `$mixin` base; a base missing from the schema, or one closing a loop, is dropped with a warning. */
function resolveBases(byName: ReadonlyMap<string, RawEntitySchema>, warnings: WarningCollector): Map<string, string> {
  const bases = new Map<string, string>();
  for (const [name, entry] of byName) {
    const base = entry.$mixin?.$ref;
    if (base === undefined) continue;
    if (!byName.has(base)) warnings.add('unknown_mixin', name, `"$mixin" refers to unknown entity type "${base}": read as a base type.`);
    else bases.set(name, base);
  }
  for (const name of [...byName.keys()].sort(compareNames)) {
    const seen = new Set<string>([name]);
    let current = name;
    for (let base = bases.get(current); base !== undefined; base = bases.get(current)) {
      if (seen.has(base)) {
        warnings.add('mixin_cycle', current, `"$mixin" chain loops back to "${base}": this type's "$mixin" is ignored.`);
        bases.delete(current);
        break;
      }
      seen.add(base);
      current = base;
    }
  }
  return bases;
}

function buildType(
  entry: RawEntitySchema,
  base: string | undefined,
  subtypes: ReadonlyMap<string, string[]>,
  opaque: ReadonlySet<string>,
  byName: ReadonlyMap<string, RawEntitySchema>,
  warnings: WarningCollector,
): EntityTypeModel {
  const properties = entry.properties;
  const primaryKey = entry.primary_key;
  const sets = {
    immutable: new Set(entry.immutable ?? []),
    computed: new Set(entry.computed ?? []),
    required: new Set(entry.required ?? []),
    primaryKey: new Set(primaryKey),
  };
  const context = { entityType: entry.id, sets, types: byName, warnings };
  const attributes = new Map<string, Attribute>();
  for (const name of Object.keys(properties).sort(compareNames)) {
    attributes.set(name, readAttribute(name, properties[name]!, opaque.has(name), context));
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
    base,
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

/** Maps an internal column name back to the public attribute whose `alias_for` is it. */
function publicName(properties: Readonly<Record<string, RawProperty>>, internal: string): string | undefined {
  if (Object.hasOwn(properties, internal)) return internal;
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

/** Deterministic, locale-independent ordering of names. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
