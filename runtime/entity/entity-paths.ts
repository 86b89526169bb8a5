import { QueryError, UnknownAttributeError } from '../errors.js';
import { formatPath, splitPath } from '../query/quote.js';
import type { SchemaModel } from '../schema/model.js';
import { getEntityType } from '../schema/schema-lookup.js';
import type { BaseEntity } from './base-entity.js';
import { slotValue } from './slots.js';
import { NOT_SET, RUNTIME } from './entity-internals.js';

/**
 * Checks a dotted attribute path against the schema from `type` (every segment an attribute,
 * every non-final one a relation, none restricted) and returns it in the form to select: a
 * final reference expands to the target's default projections, as the Python client does.
 *
 * @example selectPaths(model, 'Task', 'status') // ['status.id']
 */
export function selectPaths(schema: SchemaModel, type: string, path: string): string[] {
  const segments = splitPath(path);
  let current = getEntityType(schema, type);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const attribute = current.attributes.get(segment);
    if (attribute === undefined) throw new UnknownAttributeError(current.name, segment);
    if (attribute.restricted) {
      throw new QueryError(`${current.name}.${segment} can be used in a where clause but not selected.`, { cause: { path } });
    }
    const last = i === segments.length - 1;
    if (attribute.kind === 'scalar') {
      if (!last) throw new QueryError(`"${path}": ${current.name}.${segment} is not a relation, so nothing can follow it.`, { cause: { path } });
      return [formatPath(segments)];
    }
    const target = getEntityType(schema, attribute.target);
    if (last) {
      if (attribute.kind !== 'reference') return [formatPath(segments)];
      return target.defaultProjections.map((projection) => formatPath([...segments, projection]));
    }
    current = target;
  }
  return [path];
}

/** True when every entity reached along `path` from `entity` has the path's attributes loaded. */
export function isPathLoaded(entity: BaseEntity, path: string): boolean {
  return isLoadedAlong(entity, splitPath(path), 0);
}

function isLoadedAlong(entity: BaseEntity, segments: readonly string[], at: number): boolean {
  const attribute = entity[RUNTIME].byName.get(segments[at]!);
  if (attribute === undefined) return false;
  const value = slotValue(entity, attribute);
  if (value === NOT_SET) return false;
  if (at === segments.length - 1 || value === null) return true;
  if (Array.isArray(value)) return value.every((item: BaseEntity) => isLoadedAlong(item, segments, at + 1));
  return isLoadedAlong(value as BaseEntity, segments, at + 1);
}
