import { QueryError } from '../errors.js';
import type { SchemaModel } from '../schema/model.js';
import { attributeOf, typeOf } from './field-scope.js';
import { pathNode } from './node-factory.js';
import { splitPath } from './quote.js';
import type { PathNode } from './nodes.js';

/**
 * Checks a dotted path against the schema from `typeName`: every segment but the last must be a
 * relation; a selected path must not end in a restricted (filter-only) attribute.
 */
export function resolvePath(model: SchemaModel, typeName: string, path: unknown, purpose: 'select' | 'order by'): PathNode {
  if (typeof path !== 'string' || path.length === 0) {
    throw new QueryError(`Expected an attribute path such as 'status.name' to ${purpose}, got ${typeof path}.`, { cause: { path } });
  }
  const segments = splitPath(path);
  let type = typeOf(model, typeName);
  segments.forEach((segment, index) => {
    const attribute = attributeOf(type, segment, segments.slice(0, index));
    const last = index === segments.length - 1;
    if (!last) {
      if (attribute.kind === 'scalar') {
        throw new QueryError(`${path}: ${type.name}.${segment} is not a relation, so the path cannot continue after it.`, { cause: { path } });
      }
      type = typeOf(model, attribute.target);
    } else if (purpose === 'select' && attribute.restricted) {
      throw new QueryError(`${path}: ${type.name}.${segment} is filter-only (restricted) and cannot be selected.`, { cause: { path } });
    }
  });
  return pathNode(segments);
}
