import type { Attribute, SchemaModel } from '../schema/model.js';
import { possibleTypes } from '../schema/schema-lookup.js';

const FOREIGN_KEY = /^Foreign key\(s\):\s*([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/;

/** How the items of a mapped array (`metadata`, `custom_attributes`) belong to their owner. */
export type MappedItemLink =
  /** Items keyed by (owner, key): a new key creates an item (`Metadata` `[parent_id, key]`). */
  | {
      readonly kind: 'keyed';
      readonly itemType: string;
      readonly backLink: string;
      /** Attribute holding the owner's schema id (`parent_type`), when the back-link is polymorphic. */
      readonly typeColumn: string | undefined;
      readonly keyAttribute: string;
      readonly valueAttribute: string;
    }
  /** Items keyed by (configuration, owner): setting a key upserts the item (`update` by `[configuration_id, entity_id]`). */
  | {
      readonly kind: 'configured';
      readonly itemType: string;
      readonly backLink: string;
      readonly configColumn: string;
      readonly configType: string;
      /** Attribute of the configuration the config column refers to (its `id`). */
      readonly configKey: string;
      readonly keyAttribute: string;
      readonly valueAttribute: string;
    };

/**
 * Where a foreign-key scalar points, from its `Foreign key(s): Type.attr` description, else from the
 * `$ref` it carried beside its `type` (the target's single primary key).
 */
export function foreignKeyTarget(schema: SchemaModel, attribute: Attribute | undefined): { type: string; attribute: string } | undefined {
  if (attribute?.kind !== 'scalar') return undefined;
  const match = attribute.description === undefined ? null : FOREIGN_KEY.exec(attribute.description);
  if (match !== null && schema.types.has(match[1]!)) return { type: match[1]!, attribute: match[2]! };
  const target = attribute.references === undefined ? undefined : schema.types.get(attribute.references);
  return target !== undefined && target.primaryKey.length === 1 ? { type: target.name, attribute: target.primaryKey[0]! } : undefined;
}

/**
 * The item link of mapped array `ownerType.name`, read from the item type's primary key and foreign
 * keys; undefined when the schema does not say enough (then keys cannot be added).
 * @example mappedItemLink(schema, 'Shot', 'metadata') // { kind: 'keyed', backLink: 'parent_id', typeColumn: 'parent_type', … }
 */
export function mappedItemLink(schema: SchemaModel, ownerType: string, name: string): MappedItemLink | undefined {
  const owner = schema.types.get(ownerType);
  const attribute = owner?.attributes.get(name);
  if (owner === undefined || attribute?.kind !== 'mapped' || owner.primaryKey.length !== 1) return undefined;
  const { keyAttribute, valueAttribute } = attribute;
  const items = schema.types.get(attribute.target);
  if (items === undefined || keyAttribute === undefined || valueAttribute === undefined || items.primaryKey.length !== 2) return undefined;
  const base = { itemType: items.name, keyAttribute, valueAttribute };
  if (items.primaryKey.includes(keyAttribute)) {
    const backLink = items.primaryKey.find((column) => column !== keyAttribute)!;
    const stem = backLink.endsWith('_id') ? backLink.slice(0, -3) : undefined;
    const typeAttribute = stem === undefined ? undefined : items.attributes.get(`${stem}_type`);
    const typeColumn = typeAttribute?.kind === 'scalar' && typeAttribute.transform !== undefined ? typeAttribute.name : undefined;
    return { kind: 'keyed', ...base, backLink, typeColumn };
  }
  const pointsAtOwner = (column: string) => {
    const target = foreignKeyTarget(schema, items.attributes.get(column));
    return target !== undefined && possibleTypes(schema, target.type, true).includes(ownerType);
  };
  const backLink = items.primaryKey.find(pointsAtOwner);
  const configColumn = items.primaryKey.find((column) => column !== backLink);
  if (backLink === undefined || configColumn === undefined) return undefined;
  const config = foreignKeyTarget(schema, items.attributes.get(configColumn));
  if (config === undefined || !schema.types.get(config.type)?.attributes.has(keyAttribute)) return undefined;
  return { kind: 'configured', ...base, backLink, configColumn, configType: config.type, configKey: config.attribute };
}
