import type { EntityTypeModel } from '../schema/model.js';
import { pathNode } from './node-factory.js';
import type { PathNode } from './nodes.js';

/**
 * The projections of a query that selects nothing: the type's default projections (its primary
 * key when it has none), each a dotted path.
 *
 * @example defaultProjectionPaths(projectType) // context_type, id, name
 */
export function defaultProjectionPaths(type: EntityTypeModel): PathNode[] {
  const paths = type.defaultProjections.length > 0 ? type.defaultProjections : type.primaryKey;
  return paths.map((path) => pathNode(path.split('.')));
}
