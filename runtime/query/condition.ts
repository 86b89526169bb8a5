import { QueryError } from '../errors.js';
import { compileCondition } from './compile-query.js';
import { junctionNode, notNode } from './node-factory.js';
import type { ConditionNode } from './nodes.js';

/**
 * A where-condition: an immutable wrapper around a condition node. Combine with `.and()`,
 * `.or()`, `.not()` or the exported `and()`, `or()`, `not()`.
 *
 * @example p.status.eq('active').or(p.is_global.eq(true)).toString()
 * // status is "active" or is_global is true
 */
export class Condition {
  /** The condition's AST node (frozen). */
  readonly node: ConditionNode;

  constructor(node: ConditionNode) {
    this.node = node;
    Object.freeze(this);
  }

  /** This condition and all the others: `a and b`. */
  and(...others: Condition[]): Condition {
    return and(this, ...others);
  }

  /** This condition or any of the others: `a or b`. */
  or(...others: Condition[]): Condition {
    return or(this, ...others);
  }

  /** The negation: `not (a)`. */
  not(): Condition {
    return not(this);
  }

  /** The condition as the ftrack query language writes it. */
  toString(): string {
    return compileCondition(this.node);
  }
}

/**
 * All conditions hold. Nested `or`s are parenthesised in the output.
 * @example and(p.name.eq('a'), or(p.bid.gt(1), p.bid.lt(0))) // name is "a" and (bid > 1 or bid < 0)
 */
export function and(...conditions: Condition[]): Condition {
  return new Condition(junctionNode('and', conditions.map(nodeOf)));
}

/**
 * At least one condition holds. Nested `and`s are parenthesised in the output.
 * @example or(p.name.eq('a'), p.name.eq('b')) // name is "a" or name is "b"
 */
export function or(...conditions: Condition[]): Condition {
  return new Condition(junctionNode('or', conditions.map(nodeOf)));
}

/**
 * The condition does not hold.
 * @example not(p.name.like('%test%')) // not (name like "%test%")
 */
export function not(condition: Condition): Condition {
  return new Condition(notNode(nodeOf(condition)));
}

/** The node of a condition; QueryError for anything else (e.g. a callback that returned a field). */
export function nodeOf(condition: unknown): ConditionNode {
  if (condition instanceof Condition) return condition.node;
  throw new QueryError(
    `Expected a condition such as p.name.eq('x'), got ${describeValue(condition)}. Did the callback forget to return it or call an operator?`,
    { cause: { value: typeof condition } },
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object' || typeof value === 'function') {
    const path = (value as { $path?: unknown }).$path;
    return typeof path === 'string' ? `the field "${path}"` : `a ${typeof value}`;
  }
  return `a ${typeof value}`;
}
