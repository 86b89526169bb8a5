import type { CustomAttributeMetadata } from '../../runtime/contract/custom-attributes.js';
import type { Attribute, EntityTypeModel, MappedAttribute } from '../../runtime/schema/model.js';
import { CUSTOM_ATTRIBUTE_SCOPE } from '../../runtime/schema/custom-attribute-scope.js';
import { concreteTypes } from '../../runtime/schema/schema-lookup.js';
import type { Docs } from '../declarations/declarations.js';
import { NameAllocator } from '../naming/name-allocator.js';
import { propertyKey, quoteString, typeIdentifier } from '../naming/identifiers.js';
import type { CustomAttributeConfig } from '../workspace/workspace-metadata.js';
import type { CodegenModel } from './codegen-model.js';
import { HELPER_TYPES } from './names.js';
import type { TypeExpr } from './type-expr.js';

/** The generated module declaring the typed custom attributes. */
export const CUSTOM_ATTRIBUTES_MODULE = './custom-attributes.js';

/**
 * ftrack's rule for which configurations apply to an entity (runtime/schema/custom-attribute-scope.ts,
 * shared with the local server's rules module): the configuration's `entity_type` is the
 * entity's table (its storage type in lower case: `show`, `task`, …), its object type is empty or
 * the entity's (the `object_type_id` classifier of a typed-context subtype), its project empty or
 * the entity's (told apart at run time); hierarchical ones apply to every entity of these tables.
 */
const RULE = Object.freeze({
  objectTypeClassifier: CUSTOM_ATTRIBUTE_SCOPE.objectTypeColumn,
  hierarchicalTables: CUSTOM_ATTRIBUTE_SCOPE.hierarchicalTables,
});

/** One key of a typed custom attribute map. */
export interface CustomAttributeKey {
  readonly key: string;
  /** The value type, e.g. `number | null`, `'fx' | 'crowd'`… (rendered). */
  readonly type: string;
  readonly docs: Docs;
  readonly uses: readonly string[];
}

/** The typed custom attributes of one entity type's mapped attribute. */
export interface CustomAttributeShape {
  readonly entityType: string;
  readonly attribute: string;
  /** The generated interface, e.g. `ShotCustomAttributes`. */
  readonly interfaceName: string;
  readonly keys: readonly CustomAttributeKey[];
  /**
   * `CustomAttributeMap` plus the type that starts its lineage: the same as its `$mixin` base's when it
   * has every key of the base with the same type (so the entity interface may extend the base's).
   */
  readonly lineage: string;
}

/** Everything generated for custom attributes (undefined: no workspace, or no configuration). */
export interface CustomAttributeTypes {
  readonly shapes: ReadonlyMap<string, CustomAttributeShape>;
  readonly metadata: CustomAttributeMetadata;
}

const cache = new WeakMap<CodegenModel, CustomAttributeTypes | undefined>();

/** The typed custom attributes of the model (cached per model). */
export function customAttributeTypes(model: CodegenModel): CustomAttributeTypes | undefined {
  if (cache.has(model)) return cache.get(model);
  const result = build(model);
  cache.set(model, result);
  return result;
}

/** The read type of a configured mapped attribute (`custom_attributes`): `CustomAttributeMap<ShotCustomAttributes>`. */
export function customAttributeMapType(model: CodegenModel, attribute: MappedAttribute): TypeExpr | undefined {
  const shape = customAttributeTypes(model)?.shapes.get(shapeKey(attribute.entityType, attribute.name));
  if (shape === undefined) return undefined;
  return {
    members: [
      {
        text: `CustomAttributeMap<${shape.interfaceName}>`,
        // assignable to the base's map (see resolveHeritage) when the wrappers agree: a map whose keys differ from its base's starts a new lineage
        entity: shape.entityType,
        wrapper: shape.lineage,
        uses: ['CustomAttributeMap', shape.interfaceName],
      },
    ],
  };
}

/** Generated interface names → the module declaring them (for `typeImportsFor` siblings). */
export function customAttributeModules(model: CodegenModel): [string, string][] {
  return [...(customAttributeTypes(model)?.shapes.values() ?? [])].map((shape) => [shape.interfaceName, CUSTOM_ATTRIBUTES_MODULE]);
}

function shapeKey(entityType: string, attribute: string): string {
  return `${entityType}\u0000${attribute}`;
}

/** A mapped attribute whose items are keyed by configuration and owner (the key is not in the item's primary key). */
function isConfigured(model: CodegenModel, attribute: Attribute): attribute is MappedAttribute {
  if (attribute.kind !== 'mapped' || attribute.keyAttribute === undefined) return false;
  const items = model.schema.types.get(attribute.target);
  return items !== undefined && items.primaryKey.length === 2 && !items.primaryKey.includes(attribute.keyAttribute);
}

function build(model: CodegenModel): CustomAttributeTypes | undefined {
  const configs = model.workspace?.customAttributes ?? [];
  if (configs.length === 0) return undefined;
  const objectTypeNames = new Map((model.workspace?.objectTypes ?? []).map((o) => [o.id, o.name]));
  const reserved = [...model.types.values()].flatMap((t) => Object.values(t.names));
  const allocator = new NameAllocator([...reserved, ...Object.values(HELPER_TYPES), 'CustomAttributeMap', 'Dayjs']);
  const applies = (config: CustomAttributeConfig, leaf: EntityTypeModel) => {
    const table = (leaf.storage ?? leaf.name).toLowerCase();
    const objectType = leaf.classifiers.find((c) => c.attribute === RULE.objectTypeClassifier)?.value ?? null;
    const own = config.entityType === table && (config.objectTypeId === null || config.objectTypeId === objectType);
    return own || (config.isHierarchical && RULE.hierarchicalTables.includes(table));
  };
  const shapes = new Map<string, CustomAttributeShape>();
  // maps, made records at the end (own properties: a type named `__proto__` stays a plain key)
  const entityTypes = new Map<string, Map<string, string[]>>();
  for (const type of model.types.values()) {
    for (const attribute of type.entity.attributes.values()) {
      if (attribute.restricted || !isConfigured(model, attribute)) continue;
      const leaves = concreteTypes(model.schema, type.entity.name).map((name) => model.schema.types.get(name)!);
      const family = leaves.length > 0 ? leaves : [type.entity];
      const may = configs.filter((config) => family.some((leaf) => applies(config, leaf)));
      const every = configs.filter((config) => family.every((leaf) => applies(config, leaf)));
      const byAttribute = entityTypes.get(type.entity.name) ?? new Map<string, string[]>();
      byAttribute.set(attribute.name, may.map((c) => c.id));
      entityTypes.set(type.entity.name, byAttribute);
      const keys = [...new Set(every.map((c) => c.key))].map((key) => keyOf(type.entity.name, key, every.filter((c) => c.key === key), objectTypeNames));
      const suffix = attribute.name === 'custom_attributes' ? 'CustomAttributes' : typeIdentifier(attribute.name);
      shapes.set(shapeKey(type.entity.name, attribute.name), {
        entityType: type.entity.name,
        attribute: attribute.name,
        interfaceName: allocator.allocate(typeIdentifier(type.entity.name, suffix)),
        keys,
        lineage: `CustomAttributeMap:${type.entity.name}`,
      });
    }
  }
  if (shapes.size === 0) return undefined;
  // a map continues its base's lineage when it has every key of the base with the same type (bases first)
  const lineageOf = (id: string, shape: CustomAttributeShape): string => {
    const base = model.types.get(shape.entityType)?.entity.base;
    const inheritedId = base === undefined ? undefined : shapeKey(base, shape.attribute);
    const inherited = inheritedId === undefined ? undefined : shapes.get(inheritedId);
    if (inheritedId === undefined || inherited === undefined) return shape.lineage;
    const mine = new Map(shape.keys.map((k) => [k.key, k.type]));
    if (!inherited.keys.every((k) => mine.get(k.key) === k.type)) return shape.lineage;
    const lineage = lineageOf(inheritedId, inherited);
    shapes.set(inheritedId, { ...inherited, lineage });
    return lineage;
  };
  for (const [id, shape] of shapes) shapes.set(id, { ...shape, lineage: lineageOf(id, shape) });
  const metadata: CustomAttributeMetadata = {
    configurations: configs.map((c) => ({
      id: c.id,
      key: c.key,
      label: c.label,
      type: c.type,
      entityType: c.entityType,
      objectTypeId: c.objectTypeId,
      projectId: c.projectId,
      isHierarchical: c.isHierarchical,
      default: c.default,
      options: c.options.map((o) => o.value),
      multiSelect: c.multiSelect,
    })),
    entityTypes: Object.fromEntries([...entityTypes].map(([name, byAttribute]) => [name, Object.fromEntries(byAttribute)])),
  };
  return { shapes, metadata };
}

/** A key and its value type: the union of the types of the configurations with that key (usually one). */
function keyOf(typeName: string, key: string, configs: readonly CustomAttributeConfig[], objectTypeNames: ReadonlyMap<string, string>): CustomAttributeKey {
  const types = new Set<string>();
  const uses = new Set<string>();
  for (const config of configs) {
    const value = valueTypeOf(config);
    types.add(value.text);
    for (const name of value.uses) uses.add(name);
  }
  types.add('null');
  if (configs.some((c) => c.projectId !== null)) types.add('undefined');
  const lines = configs.map((config) => docLine(config, objectTypeNames));
  const hierarchical = configs.some((c) => c.isHierarchical);
  const tags = [
    { tag: 'example', text: `\n${exampleOf(typeName, key, configs[0]!, hierarchical)}` },
  ];
  return { key, type: [...types].join(' | '), docs: { lines, tags }, uses: [...uses] };
}

function valueTypeOf(config: CustomAttributeConfig): { text: string; uses: readonly string[] } {
  switch (config.type) {
    case 'number':
      return { text: 'number', uses: [] };
    case 'text':
    case 'url':
    case 'expression':
      return { text: 'string', uses: [] };
    case 'boolean':
      return { text: 'boolean', uses: [] };
    case 'date':
      return { text: 'Dayjs', uses: ['Dayjs'] };
    case 'enumerator':
    case 'dynamic enumerator': {
      const options = [...new Set(config.options.map((o) => o.value))];
      const union = options.length === 0 ? 'string' : options.map(quoteString).join(' | ');
      if (!config.multiSelect) return { text: union, uses: [] };
      return { text: options.length > 1 ? `readonly (${union})[]` : `readonly ${union}[]`, uses: [] };
    }
    default:
      return { text: HELPER_TYPES.variable, uses: [HELPER_TYPES.variable] };
  }
}

/** `Frame rate — number, hierarchical (`getInherited`), default 24; Sequence only, project …` */
function docLine(config: CustomAttributeConfig, objectTypeNames: ReadonlyMap<string, string>): string {
  const facts = [config.multiSelect ? `${config.type} (multi-select)` : config.type];
  if (config.isHierarchical) facts.push('hierarchical (`getInherited` reads the inherited value)');
  facts.push(`default ${JSON.stringify(config.default ?? null)}`);
  if (config.objectTypeId !== null) facts.push(`object type ${objectTypeNames.get(config.objectTypeId) ?? config.objectTypeId}`);
  if (config.projectId !== null) facts.push(`project ${config.projectId} only`);
  return `${config.label || config.key} — ${facts.join(', ')}.`;
}

function exampleOf(typeName: string, key: string, config: CustomAttributeConfig, hierarchical: boolean): string {
  const access = propertyKey(key) === key ? `.${key}` : `.entry(${quoteString(key)})`;
  const root = propertyKey(typeName) === typeName ? `q.${typeName}` : `q[${quoteString(typeName)}]`;
  const value = config.type === 'number' ? 24 : config.type === 'boolean' ? true : config.type === 'date' ? '2026-04-01' : (config.options[0]?.value ?? 'text');
  const [op, text, literal] =
    config.type === 'number' ? ['gte', '>=', '24'] : config.type === 'date' ? ['after', 'after', '"2026-04-01T00:00:00"'] : ['eq', 'is', JSON.stringify(value)];
  const lines = [
    `entity.custom_attributes.get(${quoteString(key)})`,
    `${root}.where((x) => x.custom_attributes${access}.${op}(${typeof value === 'string' ? quoteString(value) : String(value)}))`,
    `// custom_attributes any (key is ${JSON.stringify(key)} and value ${text} ${literal})`,
  ];
  if (hierarchical) lines.push(`await entity.custom_attributes.getInherited(${quoteString(key)})`);
  return lines.join('\n');
}
