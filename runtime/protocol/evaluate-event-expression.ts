import type { ExpressionNode } from './event-expression-ast.js';
import { isPlainObject as isJsonObject } from '../schema/normalize-property.js';

/** A comparison the Python client cannot make (e.g. `data.n>3` on a number): the expression does not match. */
class ExpressionTypeMismatch extends Error {}

/**
 * Evaluates a parsed expression against `candidate` (an event for a subscription, a subscriber's
 * metadata for a target) with the Python client's semantics: the field is looked up key by key
 * (a missing key or a non-object on the way makes the condition false, whatever the operator);
 * the value is always a string; `=` / `!=` are plain equality (`5` is not `"5"`); `=` with a value
 * ending in `*` tests that the rest is contained in the candidate (substring of a string, member of
 * a list, key of an object); `<`, `>`, `<=`, `>=` compare strings. A comparison Python would refuse
 * throws `ExpressionTypeMismatch`.
 */
function evaluateExpression(node: ExpressionNode, candidate: unknown): boolean {
  switch (node.kind) {
    case 'all':
      return node.items.every((item) => evaluateExpression(item, candidate));
    case 'any':
      return node.items.some((item) => evaluateExpression(item, candidate));
    case 'not':
      return !evaluateExpression(node.item, candidate);
    case 'condition': {
      const found = lookup(candidate, node.field);
      if (!found.present) return false;
      return compare(found.value, node.operator, node.value);
    }
  }
}

/** Like `evaluateExpression`, but a comparison Python would refuse is simply no match. */
export function matchesExpression(node: ExpressionNode, candidate: unknown): boolean {
  try {
    return evaluateExpression(node, candidate);
  } catch (error) {
    if (error instanceof ExpressionTypeMismatch) return false;
    throw error;
  }
}

function lookup(candidate: unknown, field: string): { present: true; value: unknown } | { present: false } {
  let value = candidate;
  for (const key of field.split('.')) {
    if (!isJsonObject(value) || !Object.hasOwn(value, key)) return { present: false };
    value = value[key];
  }
  return { present: true, value };
}

function compare(candidate: unknown, operator: string, value: string): boolean {
  switch (operator) {
    case '=':
      return value.endsWith('*') ? contains(candidate, value.slice(0, -1)) : candidate === value;
    case '!=':
      return candidate !== value;
    default: {
      if (typeof candidate !== 'string') throw new ExpressionTypeMismatch(`Cannot compare ${typeof candidate} with "${value}" using ${operator}.`);
      const order = compareCodePoints(candidate, value);
      return operator === '<' ? order < 0 : operator === '>' ? order > 0 : operator === '<=' ? order <= 0 : order >= 0;
    }
  }
}

/** Python's `part in candidate`. */
function contains(candidate: unknown, part: string): boolean {
  if (typeof candidate === 'string') return candidate.includes(part);
  if (Array.isArray(candidate)) return candidate.some((item) => item === part);
  if (isJsonObject(candidate)) return Object.hasOwn(candidate, part);
  throw new ExpressionTypeMismatch(`Cannot test whether "${part}" is in a ${candidate === null ? 'null' : typeof candidate}.`);
}

/** Orders strings by code point, as Python compares them (not by UTF-16 unit). */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
