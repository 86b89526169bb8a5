import type { SchemaModel } from '../schema/model.js';
import { isEntity, type BaseEntity } from './base-entity.js';
import { NOT_SET, RUNTIME } from './entity-internals.js';
import { foreignKeyLink, type ForeignKeyLink } from './foreign-key-link.js';
import { localValue, slotValue } from './slots.js';
import type { AttributeRuntime } from './type-runtime.js';

/**
 * The value the foreign key of `link` holds for a reference value: the target's key attribute,
 * `null` for `null`, `NOT_SET` when it cannot be known (no entity, or the key is not set).
 */
export function keyOfTarget(target: unknown, link: ForeignKeyLink): unknown {
  if (target === null) return null;
  if (!isEntity(target)) return NOT_SET;
  const slot = target[RUNTIME].byName.get(link.targetKey);
  const value = slot === undefined ? NOT_SET : slotValue(target, slot);
  return value === undefined ? NOT_SET : value;
}

/** Foreign-key equality: `null` only equals `null`; other values compare as strings (`7` = `"7"`). */
export function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === NOT_SET || b === NOT_SET) return false;
  return String(a) === String(b);
}

/** The foreign-key value to store for `key` in `attribute` (numbers stay numbers for numeric keys). */
export function foreignKeyValue(attribute: AttributeRuntime, key: unknown): unknown {
  if (key === null || key === NOT_SET) return key;
  if (attribute.isNumeric) return typeof key === 'number' ? key : Number(key);
  return typeof key === 'string' ? key : String(key);
}

/**
 * Foreign keys among `attributes` whose reference is among them too and agrees: a commit sends the
 * reference (which orders the batch by dependency) and not the foreign key, and marks both saved.
 */
export function companionForeignKeys(schema: SchemaModel, entity: BaseEntity, attributes: readonly AttributeRuntime[]): Set<AttributeRuntime> {
  const out = new Set<AttributeRuntime>();
  for (const attribute of attributes) {
    if (attribute.kind !== 'scalar') continue;
    const link = foreignKeyLink(schema, entity.$type, attribute.name);
    if (link === undefined || link.foreignKey !== attribute.name) continue;
    const reference = entity[RUNTIME].byName.get(link.reference);
    if (reference === undefined || !attributes.includes(reference)) continue;
    if (sameKey(keyOfTarget(localValue(entity, reference), link), localValue(entity, attribute))) out.add(attribute);
  }
  return out;
}

/** The partner (foreign key of a reference, reference of a foreign key) of `attribute`, if any. */
export function partnerOf(schema: SchemaModel, entity: BaseEntity, attribute: AttributeRuntime): AttributeRuntime | undefined {
  if (attribute.kind !== 'scalar' && attribute.kind !== 'reference') return undefined;
  const link = foreignKeyLink(schema, entity.$type, attribute.name);
  if (link === undefined) return undefined;
  return entity[RUNTIME].byName.get(link.reference === attribute.name ? link.foreignKey : link.reference);
}

/**
 * A problem message when a reference and its foreign key, both among `attributes`, hold
 * contradictory local values (`parent` is one entity, `parent_id` names another).
 */
export function foreignKeyContradictions(schema: SchemaModel, entity: BaseEntity, attributes: readonly AttributeRuntime[]): { attribute: string; message: string }[] {
  const out: { attribute: string; message: string }[] = [];
  for (const attribute of attributes) {
    if (attribute.kind !== 'reference') continue;
    const link = foreignKeyLink(schema, entity.$type, attribute.name);
    const fk = link === undefined ? undefined : entity[RUNTIME].byName.get(link.foreignKey);
    if (link === undefined || fk === undefined || !attributes.includes(fk)) continue;
    const key = keyOfTarget(localValue(entity, attribute), link);
    const held = localValue(entity, fk);
    if (key === NOT_SET || sameKey(key, held)) continue;
    out.push({
      attribute: fk.name,
      message: `${describeKey(held)} contradicts ${attribute.name} (${describeKey(key)}); set only one of them.`,
    });
  }
  return out;
}

function describeKey(value: unknown): string {
  return value === null ? 'null' : JSON.stringify(String(value));
}
