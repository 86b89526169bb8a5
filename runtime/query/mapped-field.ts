import { QueryError } from '../errors.js';
import type { MappedAttribute } from '../schema/model.js';
import { Condition } from './condition.js';
import type { ConditionNode } from './nodes.js';
import { attributeOf, type FieldScope, typeOf } from './field-scope.js';
import { scalarKind, type ScalarKind } from './literal.js';
import { comparisonNode, junctionNode, notNode, pathNode, relationNode, valueNode } from './node-factory.js';
import { scalarField } from './scalar-fields.js';

/** The field builders of entity-fields.ts, handed in so that the two modules do not import each other. */
export interface FieldBuilders {
  entityFields(scope: FieldScope, typeName: string, prefix: readonly string[], extra?: object, tag?: string): object;
  bodyOf(scope: FieldScope, typeName: string, callback: unknown, fields?: object): ConditionNode;
}

/**
 * A mapped array (`metadata`, `custom_attributes`): `key`/`value` stand for the item attributes the
 * schema names in `key_value_attributes`; other item attributes are reachable as member fields.
 */
export function mappedField(scope: FieldScope, attribute: MappedAttribute, path: string[], builders: FieldBuilders): object {
  const { entityFields, bodyOf } = builders;
  const item = typeOf(scope.model, attribute.target);
  const names = () => keyValueNames(attribute, path);
  const valueKind = (): ScalarKind => {
    const value = attributeOf(item, names().value);
    return value.kind === 'scalar' ? scalarKind(value) : 'json';
  };
  const node = pathNode(path);
  const tag = `mapped:${attribute.keyAttribute}:${attribute.valueAttribute}`;
  const itemFields = () => entityFields(scope, item.name, [], keyValueMembers({}, names, valueKind, []), `${tag}:item`);
  const any = (callback?: unknown) =>
    relationNode(node, 'any', callback === undefined ? undefined : bodyOf(scope, item.name, callback, itemFields()));
  const ops = {
    $path: path.join('.'),
    toString: () => path.join('.'),
    any: (callback?: unknown) => new Condition(any(callback)),
    none: (callback?: unknown) => new Condition(notNode(any(callback))),
    every: (callback: unknown) =>
      new Condition(notNode(relationNode(node, 'any', notNode(bodyOf(scope, item.name, callback, itemFields()))))),
    entry: (key: unknown) => {
      if (typeof key !== 'string') throw new QueryError(`${path.join('.')}.entry() takes the key as a string.`);
      const keyNode = comparisonNode(pathNode([names().key]), 'is', valueNode(key));
      return scalarField(valueKind(), pathNode([names().value]), (inner) => relationNode(node, 'any', junctionNode('and', [keyNode, inner])));
    },
  };
  return entityFields(scope, item.name, path, keyValueMembers(ops, names, valueKind, path), tag);
}

interface KeyValueNames {
  readonly key: string;
  readonly value: string;
}

function keyValueNames(attribute: MappedAttribute, path: string[]): KeyValueNames {
  if (attribute.keyAttribute === undefined || attribute.valueAttribute === undefined) {
    throw new QueryError(`${path.join('.')} has no key/value attributes in the schema; use its member fields or any(…) instead.`, {
      cause: { path: path.join('.') },
    });
  }
  return { key: attribute.keyAttribute, value: attribute.valueAttribute };
}

/**
 * Adds lazy `key` and `value` members (fields of the schema's key/value item attributes at
 * `prefix`) to `target`: `metadata.key is "fps"` on the mapped field, `key is "fps"` inside `any`.
 */
function keyValueMembers(target: object, names: () => KeyValueNames, valueKind: () => ScalarKind, prefix: string[]): object {
  let key: object | undefined;
  let value: object | undefined;
  return Object.defineProperties(target, {
    key: { enumerable: true, get: () => (key ??= scalarField('string', pathNode([...prefix, names().key]))) },
    value: { enumerable: true, get: () => (value ??= scalarField(valueKind(), pathNode([...prefix, names().value]))) },
  });
}
