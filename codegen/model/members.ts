import type { Attribute } from '../../runtime/schema/model.js';
import type { Docs } from '../declarations/declarations.js';
import { isObjectMemberName, isProtectedName } from '../../runtime/contract/protected-names.js';
import { propertyKey, quoteString } from '../naming/identifiers.js';
import { inputType, readType, relationTarget } from './attribute-types.js';
import { typeOf, type CodegenModel, type CodegenType } from './codegen-model.js';
import { attributeDocs } from './docs.js';
import { valueNamesMember } from './workspace-values.js';
import { literalUnion, renderType, usedNames, usedRefs, type TypeExpr } from './type-expr.js';

/** One property of a generated shape, before rendering. */
export interface Member {
  /** The property name; with `computed`, an imported unique symbol used as the key (`[name]`). */
  readonly name: string;
  readonly computed?: boolean;
  /** The value type (of the getter when `writeType` is set). */
  readonly type: TypeExpr;
  /** What an assignment accepts when it differs from `type` (writable references: `…Ref | null`). */
  readonly writeType?: TypeExpr;
  readonly readonly: boolean;
  readonly optional: boolean;
  readonly docs: Docs;
}

/**
 * True when the attribute is a property of entity objects. Protected names (`then`, `$type`,
 * `constructor`, `__proto__`, `toString`…; see `isProtectedName`) are not: the read shape lists
 * them in the phantom `$protected` instead, and they are reached with `$get` / `$set`.
 */
export function isTypedAttribute(attribute: Attribute): boolean {
  return !isProtectedName(attribute.name);
}

/** Selectable attributes of `type` whose names are protected (in schema name order). */
export function protectedAttributes(type: CodegenType): Attribute[] {
  return [...type.entity.attributes.values()].filter((a) => !a.restricted && !isTypedAttribute(a));
}

/**
 * Every member of the read shape of `type`: `$type`, the type-level query facts
 * (`$primaryKeyNames`, `$defaultProjections`) and one property per selectable attribute.
 * Restricted (filter-only) attributes are left out; immutable and computed ones are readonly.
 * A writable reference reads as the related interface and accepts its `…Ref` (an entity, a
 * query row or `{ $type, id }`): `get parent(): Context | null; set parent(value: ContextRef | null);`.
 */
export function readMembers(model: CodegenModel, type: CodegenType): Member[] {
  const entity = type.entity;
  const quote = (values: readonly string[]) => literalUnion(values, quoteString);
  const members: Member[] = [
    { name: '$type', type: quote(type.typeNames), readonly: true, optional: false, docs: { lines: ['The concrete entity type.'] } },
    {
      name: '$primaryKeyNames',
      type: quote(entity.primaryKey),
      readonly: true,
      optional: true,
      docs: { lines: ['Primary-key attribute names (type-level only, never set at run time).'] },
    },
    {
      name: '$defaultProjections',
      type: quote(entity.defaultProjections),
      readonly: true,
      optional: true,
      docs: { lines: ['Attributes a query without `select` loads (type-level only, never set at run time).'] },
    },
  ];
  members.push(attributeNamesMember(model, type));
  const names = valueNamesMember(model, type);
  if (names !== undefined) members.push(names);
  const hidden = protectedAttributes(type);
  if (hidden.length > 0) members.push(protectedMember(model, hidden));
  for (const attribute of entity.attributes.values()) {
    if (attribute.restricted || !isTypedAttribute(attribute)) continue;
    const readonly = attribute.immutable || attribute.computed;
    const writeType = attribute.kind === 'reference' && !readonly ? inputType(model, attribute) : undefined;
    members.push({
      name: attribute.name,
      type: readType(model, attribute),
      ...(writeType !== undefined ? { writeType } : {}),
      readonly,
      optional: false,
      docs: attributeDocs(model, attribute, 'read'),
    });
  }
  return members;
}

/** Name of the runtime's unique symbol that keys the attribute-name list (see `attributeNamesMember`). */
export const ATTRIBUTE_NAMES_KEY = 'attributeNames';

/**
 * The type-level list of the attribute names of a read shape, keyed by the runtime's unique symbol
 * (so editors do not offer it): the query types read it instead of filtering every key of the
 * interface, which keeps type-checking typed queries cheap. A relation (reference or collection)
 * names the entity interface it leads to, every other attribute `never`, so a dotted path is walked
 * by indexed accesses, with no structural test per segment.
 * @example readonly [attributeNames]?: { readonly id: never; readonly name: never; readonly status: Status };
 */
export function attributeNamesMember(model: CodegenModel, type: CodegenType): Member {
  const attributes = [...type.entity.attributes.values()].filter((a) => !a.restricted && isTypedAttribute(a));
  const entry = (a: Attribute) => {
    const target = a.kind === 'reference' || a.kind === 'collection' ? typeOf(model, relationTarget(model, a.target)).names.read : 'never';
    return `readonly ${propertyKey(a.name)}: ${target};`;
  };
  const text = attributes.length === 0 ? '{}' : `{ ${attributes.map(entry).join(' ')} }`;
  return {
    name: ATTRIBUTE_NAMES_KEY,
    computed: true,
    type: { members: [{ text }] },
    readonly: true,
    optional: true,
    docs: { lines: ['Attribute names, for the query types (type-level only, never set at run time).'] },
  };
}

/**
 * The phantom `$protected` of a read shape: a type literal of the attributes whose names are
 * protected, so `$get('then')` and `$set('then', …)` are typed (see `AnyAttributeName`).
 * @example readonly $protected?: { constructor: string | null; then: number | null };
 */
function protectedMember(model: CodegenModel, attributes: readonly Attribute[]): Member {
  const entries = attributes.map((attribute) => {
    const type = readType(model, attribute);
    return { text: `${propertyKey(attribute.name)}: ${renderType(type)}`, type };
  });
  const uses = [...new Set(entries.flatMap((entry) => usedNames(entry.type)))];
  const refs = [...new Set(entries.flatMap((entry) => usedRefs(entry.type)))];
  const text = `{ ${entries.map((entry) => `${entry.text};`).join(' ')} }`;
  const example = quoteString((attributes.find((a) => !a.name.startsWith('$')) ?? attributes[0]!).name);
  return {
    name: '$protected',
    type: { members: [{ text, ...(uses.length > 0 ? { uses } : {}), ...(refs.length > 0 ? { refs } : {}) }] },
    readonly: true,
    optional: true,
    docs: {
      lines: [
        `Attributes whose names are protected (${attributes.map((a) => `\`${a.name}\``).join(', ')}): entities have no property`,
        `of that name (they are never thenable and keep their runtime members). Read them with`,
        `\`await entity.$get(${example})\`, write them with \`entity.$set(${example}, value)\`.`,
        'Type-level only, never set at run time.',
      ],
    },
  };
}

/**
 * Mandatory in a create input: parts of a composite primary key that have no default and are
 * not foreign keys. Everything else is optional, because the server fills it (generated ids,
 * schema defaults, workflow statuses and types, sort order…) or because a foreign key can be
 * given through its relation (`parent: sequence` instead of `parent_id`).
 */
export function isMandatoryOnCreate(type: CodegenType, attribute: Attribute): boolean {
  if (!attribute.isPrimaryKey || type.entity.primaryKey.length < 2 || attribute.hasDefault) return false;
  return !(attribute.kind === 'scalar' && attribute.format === 'foreign_key');
}

/** Members of the create input: every settable attribute (not computed, restricted or mapped). */
export function createMembers(model: CodegenModel, type: CodegenType): Member[] {
  return inputMembers(model, type, (a) => !a.computed, (a) => isMandatoryOnCreate(type, a));
}

/** Members of the update input: attributes that may change after creation (no immutable or computed). */
export function updateMembers(model: CodegenModel, type: CodegenType): Member[] {
  return inputMembers(model, type, (a) => !a.computed && !a.immutable && !a.isPrimaryKey, () => false);
}

function inputMembers(
  model: CodegenModel,
  type: CodegenType,
  include: (attribute: Attribute) => boolean,
  mandatory: (attribute: Attribute) => boolean,
): Member[] {
  const members: Member[] = [];
  for (const attribute of type.entity.attributes.values()) {
    // Inputs are plain data, so `then` and `$type` are fine here; names every object inherits
    // (`constructor`, `toString`…) are left out, as TypeScript sees them on every literal.
    if (attribute.restricted || isObjectMemberName(attribute.name) || !include(attribute)) continue;
    const input = inputType(model, attribute);
    if (input === undefined) continue;
    const isMandatory = mandatory(attribute);
    members.push({
      name: attribute.name,
      type: input,
      readonly: false,
      optional: !isMandatory,
      docs: attributeDocs(model, attribute, 'input', isMandatory),
    });
  }
  return members;
}

/** Members of the reference input `…Ref`: `$type` and the primary key, as every entity and query row has them. */
export function refMembers(model: CodegenModel, type: CodegenType): Member[] {
  const entity = type.entity;
  const members: Member[] = [
    { name: '$type', type: literalUnion(type.typeNames, quoteString), readonly: true, optional: false, docs: { lines: [] } },
  ];
  for (const key of entity.primaryKey) {
    const attribute = entity.attributes.get(key)!;
    if (!isTypedAttribute(attribute)) continue;
    members.push({ name: key, type: readType(model, attribute), readonly: true, optional: false, docs: { lines: [] } });
  }
  return members;
}
