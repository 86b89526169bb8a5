import type { Attribute, SchemaModel } from '../schema/model.js';
import { possibleTypes } from '../schema/schema-lookup.js';

/*
 * Which side of a relation answers which, derived from schema metadata only (no type names):
 * a collection `O.c` with items `I` is answered by the reference of `I` whose target family holds
 * `O` (the broadest one when several do; none when that is still ambiguous). The local server
 * infers its joins by the same rule.
 */

const collectionCache = new WeakMap<SchemaModel, Map<string, string | null>>();
const referenceCache = new WeakMap<SchemaModel, Map<string, readonly string[]>>();

/**
 * The reference on the items of collection `ownerType.collection` that points back at the owner.
 * @example collectionInverse(schema, 'Project', 'children') // 'parent' (Context.parent)
 */
export function collectionInverse(schema: SchemaModel, ownerType: string, collection: string): string | undefined {
  const cache = cacheFor(collectionCache, schema);
  const key = `${ownerType}.${collection}`;
  let inverse = cache.get(key);
  if (inverse === undefined) {
    inverse = inferCollectionInverse(schema, ownerType, collection) ?? null;
    cache.set(key, inverse);
  }
  return inverse ?? undefined;
}

/**
 * Collections of `targetType` that list an `itemType` entity whose reference `reference` points at it.
 * @example referenceInverses(schema, 'Sequence', 'parent', 'Project') // ['children']
 */
export function referenceInverses(schema: SchemaModel, itemType: string, reference: string, targetType: string): readonly string[] {
  const cache = cacheFor(referenceCache, schema);
  const key = `${itemType}.${reference}>${targetType}`;
  let found = cache.get(key);
  if (found === undefined) {
    const target = schema.types.get(targetType);
    found = target === undefined
      ? []
      : [...target.attributes.values()]
          .filter((a) => a.kind === 'collection' && collectionInverse(schema, targetType, a.name) === reference)
          .filter((a) => a.kind === 'collection' && possibleTypes(schema, a.target, true).includes(itemType))
          .map((a) => a.name);
    cache.set(key, found);
  }
  return found;
}

function inferCollectionInverse(schema: SchemaModel, ownerType: string, collection: string): string | undefined {
  const attribute = schema.types.get(ownerType)?.attributes.get(collection);
  if (attribute?.kind !== 'collection') return undefined;
  const items = schema.types.get(attribute.target);
  if (items === undefined) return undefined;
  const candidates = [...items.attributes.values()].filter(
    (a): a is Attribute & { kind: 'reference' } =>
      a.kind === 'reference' && !a.restricted && schema.types.has(a.target) && possibleTypes(schema, a.target, true).includes(ownerType),
  );
  if (candidates.length <= 1) return candidates[0]?.name;
  const breadth = (a: { target: string }) => possibleTypes(schema, a.target, true).length;
  const broadest = Math.max(...candidates.map(breadth));
  const best = candidates.filter((a) => breadth(a) === broadest);
  return best.length === 1 ? best[0]!.name : undefined;
}

function cacheFor<V>(store: WeakMap<SchemaModel, Map<string, V>>, schema: SchemaModel): Map<string, V> {
  let cache = store.get(schema);
  if (cache === undefined) {
    cache = new Map();
    store.set(schema, cache);
  }
  return cache;
}
