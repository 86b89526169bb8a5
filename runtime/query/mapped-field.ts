import { configurationsFor } from '../contract/custom-attribute-lookup.js';
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
  const keyed = configuredKinds(scope, attribute);
  const tag = `mapped:${attribute.keyAttribute}:${attribute.valueAttribute}${keyed.size > 0 ? `:${attribute.entityType}` : ''}`;
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
      return entry(key, valueKind());
    },
  };
  const entry = (key: string, kind: ScalarKind) => {
    const keyNode = comparisonNode(pathNode([names().key]), 'is', valueNode(key));
    return scalarField(kind, pathNode([names().value]), (inner) => relationNode(node, 'any', junctionNode('and', [keyNode, inner])));
  };
  // generated custom attributes: one field per configured key (the operators above win on a clash)
  for (const [key, kind] of keyed) {
    if (Object.hasOwn(ops, key) || key === 'key' || key === 'value' || key === 'then') continue;
    let field: object | undefined;
    Object.defineProperty(ops, key, { enumerable: true, get: () => (field ??= entry(key, kind)) });
  }
  return entityFields(scope, item.name, path, keyValueMembers(ops, names, valueKind, path), tag);
}

/** Query kind of each custom attribute value type (`type.name`); others compare as variables. */
const KIND_OF_TYPE: Readonly<Record<string, ScalarKind>> = {
  number: 'number',
  text: 'string',
  url: 'string',
  expression: 'string',
  boolean: 'boolean',
  date: 'datetime',
  enumerator: 'string',
  'dynamic enumerator': 'string',
};

/** Keys of the generated configurations that may apply to the owner type, with their query kind (empty without metadata). */
function configuredKinds(scope: FieldScope, attribute: MappedAttribute): Map<string, ScalarKind> {
  const kinds = new Map<string, ScalarKind>();
  for (const config of configurationsFor(scope.customAttributes, attribute.entityType, attribute.name)) {
    const kind = Object.hasOwn(KIND_OF_TYPE, config.type) ? KIND_OF_TYPE[config.type]! : 'variable';
    const seen = kinds.get(config.key);
    kinds.set(config.key, seen === undefined || seen === kind ? kind : 'variable');
  }
  return kinds;
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
