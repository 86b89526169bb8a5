import { ArgumentError } from '../errors.js';
import { comparisonNode, junctionNode, membershipNode, pathNode, valueNode } from '../query/node-factory.js';
import type { ConditionNode, ValueNode } from '../query/nodes.js';
import type { AttributeRuntime, TypeRuntime } from '../entity/type-runtime.js';

/** What `session.get` accepts as a primary key: a value, values in schema order, or a record. */
export type PrimaryKeyInput = string | number | readonly (string | number)[] | Readonly<Record<string, string | number>>;

/** Primary-key values as strings in schema order, or `ArgumentError` when they do not fit. */
export function primaryKeyValues(runtime: TypeRuntime, input: PrimaryKeyInput): string[] {
  const names = runtime.primaryKey.map((a) => a.name);
  let values: unknown[];
  if (typeof input === 'string' || typeof input === 'number') values = [input];
  else if (Array.isArray(input)) values = [...input];
  else if (input !== null && typeof input === 'object') values = names.map((name) => (input as Record<string, unknown>)[name]);
  else values = [input];
  if (values.length !== names.length || values.some((v) => (typeof v !== 'string' && typeof v !== 'number') || v === '')) {
    throw new ArgumentError(
      `${runtime.name} has the primary key (${names.join(', ')}); got ${JSON.stringify(input)}. Pass ${names.length === 1 ? 'one value' : `${names.length} values in this order`}.`,
      { cause: { entityType: runtime.name, primaryKey: names } },
    );
  }
  return values.map(String);
}

/**
 * The where-condition selecting one entity by primary key; numeric keys are written bare.
 *
 * @example compileCondition(primaryKeyCondition(metadataRuntime, ['p1', 'fps'])) // parent_id is "p1" and key is "fps"
 */
export function primaryKeyCondition(runtime: TypeRuntime, values: readonly string[]): ConditionNode {
  return junctionNode(
    'and',
    runtime.primaryKey.map((attribute, i) => comparisonNode(pathNode([attribute.name]), 'is', keyValue(attribute, values[i]!))),
  );
}

/**
 * The where-condition selecting several entities of one type by primary key.
 *
 * @example compileCondition(primaryKeysCondition(taskRuntime, [['t1'], ['t2']])) // id in ("t1", "t2")
 * @example compileCondition(primaryKeysCondition(metadataRuntime, [['p1', 'a'], ['p2', 'b']]))
 * // (parent_id is "p1" and key is "a") or (parent_id is "p2" and key is "b")
 */
export function primaryKeysCondition(runtime: TypeRuntime, keys: readonly (readonly string[])[]): ConditionNode {
  if (keys.length === 1) return primaryKeyCondition(runtime, keys[0]!);
  if (runtime.primaryKey.length === 1) {
    const attribute = runtime.primaryKey[0]!;
    return membershipNode(pathNode([attribute.name]), false, keys.map((values) => keyValue(attribute, values[0]!)));
  }
  return junctionNode('or', keys.map((values) => primaryKeyCondition(runtime, values)));
}

/** A primary-key value: a number for numeric attributes holding one (written bare), else a string. */
function keyValue(attribute: AttributeRuntime, value: string): ValueNode {
  return valueNode(attribute.isNumeric && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);
}
