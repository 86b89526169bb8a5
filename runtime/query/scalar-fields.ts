import { QueryError } from '../errors.js';
import { Condition } from './condition.js';
import { comparisonNode, membershipNode, valueNode } from './node-factory.js';
import type { ComparisonOperator, ConditionNode, PathNode, QueryNode } from './nodes.js';
import { type ScalarKind, toLiteral } from './literal.js';

/** Post-processing of a field's conditions (mapped-array entries wrap them in `any (key is …)`). */
export type Wrap = (node: ConditionNode) => ConditionNode;

export const noWrap: Wrap = (node) => node;

type Ops = Record<string, (...args: never[]) => Condition>;

/**
 * A scalar field at `path`: a frozen object with `$path` and exactly the operators of its kind,
 * so JavaScript callers get no `gt` on strings either.
 */
export function scalarField(kind: ScalarKind, path: PathNode, wrap: Wrap = noWrap): object {
  const dotted = path.segments.join('.');
  const make = (node: ConditionNode) => new Condition(wrap(node));
  const compare = (operator: ComparisonOperator, value: unknown) =>
    make(comparisonNode(path, operator, valueNode(toLiteral(kind, value, dotted))));
  const ops: Ops = {
    isNone: () => make(comparisonNode(path, 'is', valueNode(null))),
    isNotNone: () => make(comparisonNode(path, 'is_not', valueNode(null))),
  };
  if (kind !== 'json') {
    Object.assign(ops, {
      eq: (value: unknown) => compare('is', value),
      ne: (value: unknown) => compare('is_not', value),
      in: (values: unknown) => make(membershipNode(path, false, membershipSource(kind, values, dotted))),
      notIn: (values: unknown) => make(membershipNode(path, true, membershipSource(kind, values, dotted))),
    });
  }
  if (kind === 'string') Object.assign(ops, stringOps(compare, dotted));
  if (kind === 'number' || kind === 'variable') Object.assign(ops, orderingOps(compare, '>', '<'));
  if (kind === 'datetime') {
    Object.assign(ops, orderingOps(compare, 'after', 'before'), {
      after: (value: unknown) => compare('after', value),
      before: (value: unknown) => compare('before', value),
    });
  }
  return guarded(Object.freeze({ $path: dotted, ...ops, toString: () => dotted }), kind, dotted);
}

const OPERATORS = new Set([
  'eq', 'ne', 'in', 'notIn', 'isNone', 'isNotNone', 'like', 'notLike', 'startsWith', 'endsWith', 'contains',
  'gt', 'gte', 'lt', 'lte', 'before', 'after', 'has', 'any', 'none', 'every', 'entry',
]);

/** Asking a field for another kind's operator (`name.gt`) is a QueryError, not "not a function". */
function guarded(field: Readonly<Record<string, unknown>>, kind: ScalarKind, dotted: string): object {
  return new Proxy(field, {
    get(target, property, receiver) {
      if (typeof property === 'string' && OPERATORS.has(property) && !Object.hasOwn(target, property)) {
        const available = Object.keys(target).filter((name) => OPERATORS.has(name));
        throw new QueryError(`${dotted} is a ${kind} attribute: it has no ${property}(). Its operators: ${available.join(', ')}.`, {
          cause: { path: dotted, kind, operator: property },
        });
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

type Compare = (operator: ComparisonOperator, value: unknown) => Condition;

function orderingOps(compare: Compare, greater: ComparisonOperator, less: ComparisonOperator): Ops {
  return {
    gt: (value: unknown) => compare(greater, value),
    gte: (value: unknown) => compare('>=', value),
    lt: (value: unknown) => compare(less, value),
    lte: (value: unknown) => compare('<=', value),
  };
}

function stringOps(compare: Compare, dotted: string): Ops {
  const literal = (method: string, text: unknown): string => {
    if (typeof text !== 'string') return text as string; // toLiteral reports the wrong type
    if (/[%_]/.test(text)) {
      throw new QueryError(
        `${dotted}.${method}(${JSON.stringify(text)}): ftrack's like has no escape character, so % and _ would act as wildcards. ` +
          `Use .like() with an explicit pattern if that is what you mean.`,
        { cause: { path: dotted, method } },
      );
    }
    return text;
  };
  return {
    like: (pattern: unknown) => compare('like', pattern),
    notLike: (pattern: unknown) => compare('not_like', pattern),
    startsWith: (text: unknown) => compare('like', wildcard(literal('startsWith', text), '', '%')),
    endsWith: (text: unknown) => compare('like', wildcard(literal('endsWith', text), '%', '')),
    contains: (text: unknown) => compare('like', wildcard(literal('contains', text), '%', '%')),
  };
}

function wildcard(text: unknown, before: string, after: string): unknown {
  return typeof text === 'string' ? `${before}${text}${after}` : text;
}

/** A list of values or a one-column subquery (any object whose `node` is a query node). */
function membershipSource(kind: ScalarKind, values: unknown, dotted: string): readonly ReturnType<typeof valueNode>[] | QueryNode {
  if (Array.isArray(values)) return values.map((value) => valueNode(toLiteral(kind, value, dotted)));
  const node = (values as { node?: QueryNode } | null)?.node;
  if (typeof values === 'object' && node?.kind === 'query') return node;
  throw new QueryError(`${dotted}.in() takes an array of values or a subquery such as q.Task.select('id').`, {
    cause: { path: dotted },
  });
}
