import type { Attribute, ReferenceAttribute, ScalarAttribute, SchemaModel } from '../schema/model.js';
import { possibleTypes } from '../schema/schema-lookup.js';
import { foreignKeyTarget } from './mapped-item-link.js';

/**
 * A reference and the foreign-key scalar that stores it (`Sequence.parent` ↔ `parent_id`).
 * `targetKey` is the attribute of the referenced entity the foreign key holds; `byPrimaryKey`
 * says whether that is the target's (single) primary key, so an id can be looked up.
 */
export interface ForeignKeyLink {
  readonly reference: string;
  readonly foreignKey: string;
  readonly target: string;
  readonly targetKey: string;
  readonly byPrimaryKey: boolean;
}

/*
 * Derived from schema metadata only (no type names), by the rule the local server joins with:
 * the foreign key of reference `r` is the scalar `r_id`, else the scalar whose internal name is
 * the reference's internal name + `id` / `_id` (`Note.author` (alias `user`) ↔ `user_id` (alias
 * `userid`)). The scalar must be marked as a foreign key (`format: foreign_key`, a `Foreign key(s):
 * Type.attr` description or a `$ref`) to a type of the reference's family; a scalar that two
 * references would claim links neither. The key it holds is the attribute its description names
 * when the target has it, else the target's single primary key.
 */

interface TypeLinks {
  readonly byName: ReadonlyMap<string, ForeignKeyLink>;
}

const cache = new WeakMap<SchemaModel, Map<string, TypeLinks>>();

/**
 * The link of attribute `name` of `type` when it is a reference with a foreign key, or a foreign
 * key with a reference; undefined otherwise.
 * @example foreignKeyLink(schema, 'Sequence', 'parent') // { reference: 'parent', foreignKey: 'parent_id', target: 'Context', targetKey: 'id', byPrimaryKey: true }
 * @example foreignKeyLink(schema, 'Sequence', 'parent_id') // the same link
 */
export function foreignKeyLink(schema: SchemaModel, type: string, name: string): ForeignKeyLink | undefined {
  let types = cache.get(schema);
  if (types === undefined) {
    types = new Map();
    cache.set(schema, types);
  }
  let links = types.get(type);
  if (links === undefined) {
    links = { byName: inferLinks(schema, type) };
    types.set(type, links);
  }
  return links.byName.get(name);
}

function inferLinks(schema: SchemaModel, typeName: string): Map<string, ForeignKeyLink> {
  const type = schema.types.get(typeName);
  const out = new Map<string, ForeignKeyLink>();
  if (type === undefined) return out;
  const attributes = [...type.attributes.values()];
  const claims = new Map<string, ForeignKeyLink[]>();
  for (const reference of attributes) {
    if (reference.kind !== 'reference' || reference.restricted || !schema.types.has(reference.target)) continue;
    const scalar = foreignKeyScalar(attributes, reference);
    if (scalar === undefined) continue;
    const link = linkOf(schema, reference, scalar);
    if (link !== undefined) claims.set(scalar.name, [...(claims.get(scalar.name) ?? []), link]);
  }
  for (const [, list] of claims) {
    if (list.length !== 1) continue;
    const link = list[0]!;
    out.set(link.reference, link);
    out.set(link.foreignKey, link);
  }
  return out;
}

function foreignKeyScalar(attributes: readonly Attribute[], reference: ReferenceAttribute): ScalarAttribute | undefined {
  const byName = attributes.find((a) => a.name === `${reference.name}_id`);
  if (byName !== undefined) return byName.kind === 'scalar' ? byName : undefined;
  const alias = reference.aliasFor ?? reference.name;
  const byAlias = attributes.filter((a): a is ScalarAttribute => a.kind === 'scalar' && (a.aliasFor === `${alias}id` || a.aliasFor === `${alias}_id`));
  return byAlias.length === 1 ? byAlias[0] : undefined;
}

function linkOf(schema: SchemaModel, reference: ReferenceAttribute, scalar: ScalarAttribute): ForeignKeyLink | undefined {
  if (scalar.restricted || (scalar.type !== 'string' && scalar.type !== 'integer' && scalar.type !== 'number')) return undefined;
  const described = foreignKeyTarget(schema, scalar);
  const pointsAt = described?.type ?? (scalar.references !== undefined && schema.types.has(scalar.references) ? scalar.references : undefined);
  if (pointsAt === undefined && scalar.format !== 'foreign_key') return undefined;
  if (pointsAt !== undefined) {
    const family = possibleTypes(schema, reference.target, true);
    if (!family.includes(pointsAt) && !possibleTypes(schema, pointsAt, true).includes(reference.target)) return undefined;
  }
  const target = schema.types.get(reference.target)!;
  const named = described?.attribute;
  const targetKey = named !== undefined && target.attributes.get(named)?.kind === 'scalar' ? named : target.primaryKey.length === 1 ? target.primaryKey[0]! : undefined;
  if (targetKey === undefined) return undefined;
  const byPrimaryKey = target.primaryKey.length === 1 && target.primaryKey[0] === targetKey;
  return { reference: reference.name, foreignKey: scalar.name, target: target.name, targetKey, byPrimaryKey };
}
