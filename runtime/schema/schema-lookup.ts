import { UnknownAttributeError, UnrecognisedEntityTypeError } from '../errors.js';
import type { Attribute, EntityTypeModel, SchemaModel } from './model.js';

/** The entity type named `name`, or `UnrecognisedEntityTypeError`. */
export function getEntityType(model: SchemaModel, name: string): EntityTypeModel {
  const type = model.types.get(name);
  if (type === undefined) throw new UnrecognisedEntityTypeError(name);
  return type;
}

/** The attribute `name` of `type`, or `UnknownAttributeError`. */
export function getAttribute(type: EntityTypeModel, name: string): Attribute {
  const attribute = type.attributes.get(name);
  if (attribute === undefined) throw new UnknownAttributeError(type.name, name);
  return attribute;
}

/** Name of the storage a type's rows live in (its `alias_for` id, else its own name). */
export function storageName(type: EntityTypeModel): string {
  return type.storage ?? type.name;
}

/**
 * The topmost type sharing `type`'s storage: a relation typed `$ref: "Task"` may hold any
 * member of the family of this root (every TypedContext subtype), because the storage is shared.
 */
export function storageRoot(model: SchemaModel, type: EntityTypeModel): EntityTypeModel {
  let current = type;
  const storage = storageName(type);
  while (current.base !== undefined) {
    const base = model.types.get(current.base);
    if (base === undefined || storageName(base) !== storage) break;
    current = base;
  }
  return current;
}

/**
 * Types whose instances a query `from <name>` (or a relation targeting `name`) can return.
 * Rule: the family of the type's storage root when the type is a classifier subtype used as a
 * relation target; for queries pass `forRelation: false` to get only the type's own family.
 */
export function possibleTypes(model: SchemaModel, name: string, forRelation = false): readonly string[] {
  const type = getEntityType(model, name);
  const root = forRelation ? storageRoot(model, type) : type;
  return root.family;
}

/**
 * Concrete types: types with no `$mixin` subtypes. A type that has subtypes is treated as
 * abstract (the server labels rows with the most specific type), so `from TypedContext`
 * yields only its concrete subtypes.
 */
export function isConcrete(type: EntityTypeModel): boolean {
  return type.subtypes.length === 0;
}

/** Concrete members of `name`'s family, sorted. */
export function concreteTypes(model: SchemaModel, name: string, forRelation = false): readonly string[] {
  return possibleTypes(model, name, forRelation).filter((member) => isConcrete(getEntityType(model, member)));
}

/** Attributes that can be selected (not restricted). */
export function selectableAttributes(type: EntityTypeModel): Attribute[] {
  return [...type.attributes.values()].filter((a) => !a.restricted);
}
