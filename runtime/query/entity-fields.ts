import { QueryError } from '../errors.js';
import type { Attribute, EntityTypeModel } from '../schema/model.js';
import { Condition, nodeOf } from './condition.js';
import { attributeOf, typeOf, type FieldScope } from './field-scope.js';
import { mappedField } from './mapped-field.js';
import { comparisonNode, junctionNode, notNode, pathNode, relationNode, valueNode } from './node-factory.js';
import { scalarKind, toLiteral } from './literal.js';
import { scalarField } from './scalar-fields.js';

type Callback = (fields: object) => unknown;

/**
 * The fields of entity type `typeName` at `prefix` (empty for a query root or a `has`/`any` body):
 * a Proxy that builds one field per attribute on first use. `extra` members (relation operators)
 * win over attributes; an unknown attribute throws QueryError.
 */
export function entityFields(
  scope: FieldScope,
  typeName: string,
  prefix: readonly string[],
  extra: object = {},
  tag = 'root',
): object {
  const key = `${tag}:${typeName}:${prefix.join('.')}`;
  const cached = scope.cache.get(key);
  if (cached !== undefined) return cached;
  const type = typeOf(scope.model, typeName);
  const fields = new Map<string, unknown>();
  const target = Object.freeze(extra);
  const proxy = new Proxy(target, {
    get(object, property) {
      if (typeof property === 'symbol' || Object.hasOwn(object, property)) return Reflect.get(object, property);
      if (property === 'then') return undefined; // never look like a promise
      let field = fields.get(property);
      if (field === undefined) {
        field = fieldFor(scope, type, attributeOf(type, property, prefix), [...prefix, property]);
        fields.set(property, field);
      }
      return field;
    },
  });
  scope.cache.set(key, proxy);
  return proxy;
}

function fieldFor(scope: FieldScope, type: EntityTypeModel, attribute: Attribute, path: string[]): object {
  switch (attribute.kind) {
    case 'scalar':
      return scalarField(scalarKind(attribute), pathNode(path));
    case 'reference':
      return entityFields(scope, attribute.target, path, referenceOps(scope, attribute.target, path), 'reference');
    case 'collection':
      return entityFields(scope, attribute.target, path, collectionOps(scope, attribute.target, path), 'collection');
    case 'mapped':
      return mappedField(scope, attribute, path, { entityFields, bodyOf });
  }
}

/** Runs a `has`/`any` body against fresh root fields of `typeName` and returns its condition node. */
export function bodyOf(scope: FieldScope, typeName: string, callback: unknown, fields?: object) {
  if (typeof callback !== 'function') throw new QueryError('Expected a callback such as (x) => x.name.eq("…").');
  return nodeOf((callback as Callback)(fields ?? entityFields(scope, typeName, [])));
}

function referenceOps(scope: FieldScope, target: string, path: string[]): object {
  const node = pathNode(path);
  const keyCondition = (entity: unknown) => primaryKeyNode(scope, target, path, entity);
  return {
    $path: path.join('.'),
    toString: () => path.join('.'),
    has: (callback: unknown) => new Condition(relationNode(node, 'has', bodyOf(scope, target, callback))),
    eq: (entity: unknown) => new Condition(keyCondition(entity)),
    ne: (entity: unknown) => new Condition(notNode(keyCondition(entity))),
    isNone: () => new Condition(comparisonNode(node, 'is', valueNode(null))),
    isNotNone: () => new Condition(comparisonNode(node, 'is_not', valueNode(null))),
  };
}

function collectionOps(scope: FieldScope, target: string, path: string[]): object {
  const node = pathNode(path);
  const any = (callback?: unknown) =>
    relationNode(node, 'any', callback === undefined ? undefined : bodyOf(scope, target, callback));
  return {
    $path: path.join('.'),
    toString: () => path.join('.'),
    any: (callback?: unknown) => new Condition(any(callback)),
    none: (callback?: unknown) => new Condition(notNode(any(callback))),
    every: (callback: unknown) => new Condition(notNode(relationNode(node, 'any', notNode(bodyOf(scope, target, callback))))),
  };
}

/** `ref.pk is "v"` (composite keys: one comparison per key attribute, joined by `and`). */
function primaryKeyNode(scope: FieldScope, target: string, path: string[], entity: unknown) {
  const type = typeOf(scope.model, target);
  if (typeof entity !== 'object' || entity === null) {
    throw new QueryError(`${path.join('.')}.eq() takes an entity or an object with its primary key (${type.primaryKey.join(', ')}).`, {
      cause: { path: path.join('.') },
    });
  }
  const comparisons = type.primaryKey.map((name) => {
    const value = (entity as Record<string, unknown>)[name];
    const dotted = [...path, name].join('.');
    if (value === undefined || value === null) {
      throw new QueryError(`${path.join('.')}.eq(): the entity has no value for primary-key attribute "${name}".`, { cause: { path: dotted } });
    }
    const attribute = attributeOf(type, name);
    const kind = attribute.kind === 'scalar' ? scalarKind(attribute) : 'string';
    return comparisonNode(pathNode([...path, name]), 'is', valueNode(toLiteral(kind, value, dotted)));
  });
  return junctionNode('and', comparisons);
}
