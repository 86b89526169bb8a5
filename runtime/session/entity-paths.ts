import { QueryError, UnknownAttributeError } from '../errors.js';
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
  const segments = path.split('.').map((segment) => segment.trim());
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
      return [segments.join('.')];
    }
    const target = getEntityType(schema, attribute.target);
    if (last) {
      if (attribute.kind !== 'reference') return [segments.join('.')];
      return target.defaultProjections.map((projection) => `${segments.join('.')}.${projection}`);
    }
    current = target;
  }
  return [path];
}

/** True when every entity reached along `path` from `entity` has the path's attributes loaded. */
export function isPathLoaded(entity: BaseEntity, path: string): boolean {
  const [head, ...rest] = path.split('.');
  const attribute = entity[RUNTIME].byName.get(head!.trim());
  if (attribute === undefined) return false;
  const value = slotValue(entity, attribute);
  if (value === NOT_SET) return false;
  if (rest.length === 0 || value === null) return true;
  const next = rest.join('.');
  if (Array.isArray(value)) return value.every((item: BaseEntity) => isPathLoaded(item, next));
  return isPathLoaded(value as BaseEntity, next);
}
