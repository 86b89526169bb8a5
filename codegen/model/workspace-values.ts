import type { WorkspaceValuesMetadata } from '../../runtime/contract/entity-types.js';
import { isProtectedName } from '../../runtime/contract/protected-names.js';
import type { Attribute } from '../../runtime/schema/model.js';
import type { Docs } from '../declarations/declarations.js';
import { computeValuesHash } from '../../runtime/schema/values-hash.js';
import { NameAllocator } from '../naming/name-allocator.js';
import { propertyKey, typeIdentifier } from '../naming/identifiers.js';
import type { WorkspaceMetadata } from '../workspace/workspace-metadata.js';
import { WORKSPACE_QUERIES, type WorkspacePart } from '../workspace/workspace-queries.js';
import type { CodegenModel, CodegenType } from './codegen-model.js';
import { HELPER_TYPES } from './names.js';
import { namedType, type TypeExpr } from './type-expr.js';

/**
 * The workspace value lists typed as literal names, as data: each list's entity type is the type it
 * was read from (`WORKSPACE_QUERIES`: statuses from `Status`, types from `Type`, …, ftrack's own
 * type names), and `attribute` is the attribute the workspace reader took each value's name from.
 */
const VALUE_LISTS: readonly { readonly part: WorkspacePart & ValueListKey; readonly attribute: string }[] = [
  { part: 'statuses', attribute: 'name' },
  { part: 'types', attribute: 'name' },
  { part: 'priorities', attribute: 'name' },
  { part: 'objectTypes', attribute: 'name' },
  { part: 'states', attribute: 'name' },
];

type ValueListKey = 'statuses' | 'types' | 'priorities' | 'objectTypes' | 'states';

/** One literal name type of the generated client, e.g. `StatusName` for `Status.name`. */
export interface ValueNameType {
  readonly entityType: string;
  readonly attribute: string;
  /** The generated alias, e.g. `StatusName`. */
  readonly typeName: string;
  /** The names, in the workspace's order (by `sort`, then name), each once. */
  readonly names: readonly string[];
}

/** The literal name types of a generated client and the metadata a session compares with the server. */
export interface WorkspaceValueTypes {
  readonly types: readonly ValueNameType[];
  readonly metadata: WorkspaceValuesMetadata;
  /** Every type in a value type's `$mixin` family → its name types. */
  readonly byType: ReadonlyMap<string, readonly ValueNameType[]>;
}

const cache = new WeakMap<CodegenModel, WorkspaceValueTypes | undefined>();

/**
 * The workspace values the client types as literals: a list is typed when the model has a workspace,
 * the schema has the list's entity type with the name attribute as a plain string, and the list is
 * not empty. Undefined when none is (a schema without workspace).
 */
export function workspaceValueTypes(model: CodegenModel): WorkspaceValueTypes | undefined {
  if (cache.has(model)) return cache.get(model);
  const result = build(model);
  cache.set(model, result);
  return result;
}

/** The literal name types of entity type `typeName` (empty unless it is a workspace value type). */
function valueNameTypesOf(model: CodegenModel, typeName: string): readonly ValueNameType[] {
  return workspaceValueTypes(model)?.byType.get(typeName) ?? [];
}

/** The module declaring the name types (`workspace-values.d.ts`), for the imports of files that use them. */
export const WORKSPACE_VALUES_MODULE = './workspace-values.js';

/** Name type → `WORKSPACE_VALUES_MODULE`, for `typeImportsFor`'s siblings. */
export function valueTypeModules(model: CodegenModel): ReadonlyMap<string, string> {
  return new Map((workspaceValueTypes(model)?.types ?? []).map((type) => [type.typeName, WORKSPACE_VALUES_MODULE]));
}

/**
 * The phantom `$valueNames` of a value type's read shape (none for other types): which attribute
 * holds which literal names, for query fields (see `QueryValueOf`).
 * @example readonly $valueNames?: { name: StatusName };
 */
export function valueNamesMember(model: CodegenModel, type: CodegenType): { name: string; type: TypeExpr; readonly: boolean; optional: boolean; docs: Docs } | undefined {
  const names = valueNameTypesOf(model, type.entity.name);
  if (names.length === 0) return undefined;
  const text = `{ ${names.map((n) => `${propertyKey(n.attribute)}: ${n.typeName}`).join('; ')} }`;
  return {
    name: '$valueNames',
    type: namedType(text, names.map((n) => n.typeName)),
    readonly: true,
    optional: true,
    docs: {
      lines: [
        `The names the workspace had for ${names.map((n) => `\`${n.attribute}\``).join(', ')} when this client was generated: query comparisons`,
        "accept them or `raw('…')`; reads stay plain strings. Type-level only, never set at run time.",
      ],
    },
  };
}

function build(model: CodegenModel): WorkspaceValueTypes | undefined {
  const workspace = model.workspace;
  if (workspace === undefined) return undefined;
  const allocator = new NameAllocator(takenNames(model));
  const types: ValueNameType[] = [];
  const byType = new Map<string, ValueNameType[]>();
  for (const { part, attribute: attributeName } of VALUE_LISTS) {
    const query = WORKSPACE_QUERIES.find((candidate) => candidate.part === part);
    const entity = query === undefined ? undefined : model.schema.types.get(query.type);
    if (query === undefined || entity === undefined || !query.paths.includes(attributeName)) continue;
    const attribute = entity.attributes.get(attributeName);
    if (attribute === undefined || !isPlainString(attribute)) continue;
    const names = [...new Set(valuesOf(workspace, part).map((value) => value.name))];
    if (names.length === 0) continue;
    const type: ValueNameType = { entityType: entity.name, attribute: attributeName, typeName: allocator.allocate(typeIdentifier(entity.name, pascal(attributeName))), names };
    types.push(type);
    for (const member of entity.family) byType.set(member, [...(byType.get(member) ?? []), type]);
  }
  if (types.length === 0) return undefined;
  const lists = types.map(({ entityType, attribute, names }) => ({ entityType, attribute, names: [...names].sort(compare) }));
  return { types, byType, metadata: { hash: computeValuesHash(lists), lists } };
}

function valuesOf(workspace: WorkspaceMetadata, part: ValueListKey): readonly { readonly name: string }[] {
  return workspace[part];
}

/** A selectable, non-enum, plain string attribute (not a date, link or protected name). */
function isPlainString(attribute: Attribute): boolean {
  return (
    attribute.kind === 'scalar' &&
    attribute.type === 'string' &&
    !attribute.isDateTime &&
    attribute.valueShape === undefined &&
    (attribute.enum === undefined || attribute.enum.length === 0) &&
    !attribute.restricted &&
    !isProtectedName(attribute.name)
  );
}

/** Every identifier the other generated declarations use. */
function takenNames(model: CodegenModel): string[] {
  const names = [...Object.values(HELPER_TYPES), 'Entity', 'Collection', 'KeyValueMap', 'SchemaMetadata'];
  for (const type of model.types.values()) names.push(type.names.read, type.names.create, type.names.update, type.names.ref);
  return names;
}

/** `name` → `Name`, `short_name` → `ShortName`. */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
