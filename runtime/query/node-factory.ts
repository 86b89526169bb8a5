import { QueryError } from '../errors.js';
import type {
  AggregateFunction,
  AggregateNode,
  ComparisonNode,
  ComparisonOperator,
  ConditionNode,
  JunctionNode,
  Literal,
  MembershipNode,
  NotNode,
  OrderNode,
  PathNode,
  QueryNode,
  RelationNode,
  ValueNode,
} from './nodes.js';
import { quoteValue } from './quote.js';

// Constructors of frozen AST nodes. Values are checked here (through the one quoting function) so
// that a bad value fails where it is written, not later in `toString()`.

export function pathNode(segments: readonly string[]): PathNode {
  if (segments.length === 0) throw new QueryError('An attribute path needs at least one attribute name.');
  return Object.freeze({ kind: 'path', segments: Object.freeze(segments.map(attributeName)) });
}

/** An attribute name of a path: any non-empty string (non-identifiers are quoted by `pathSegment` when compiled). */
function attributeName(name: string): string {
  if (typeof name !== 'string' || name === '') throw new QueryError(`Attribute names must be non-empty strings, got ${JSON.stringify(name)}.`, { cause: { name } });
  return name;
}

export function valueNode(value: Literal): ValueNode {
  quoteValue(value);
  return Object.freeze({ kind: 'value', value: typeof value === 'object' && value !== null ? Object.freeze({ ...value }) : value });
}

export function comparisonNode(path: PathNode, operator: ComparisonOperator, value: ValueNode): ComparisonNode {
  return Object.freeze({ kind: 'comparison', path, operator, value });
}

export function membershipNode(path: PathNode, negated: boolean, source: readonly ValueNode[] | QueryNode): MembershipNode {
  if (Array.isArray(source) && source.length === 0) {
    throw new QueryError(
      `"${path.segments.join('.')} ${negated ? 'not_in' : 'in'} ()" is not valid ftrack syntax: pass at least one value (check for an empty list before querying).`,
      { cause: { path: path.segments } },
    );
  }
  if (!Array.isArray(source)) checkSubquery(source as QueryNode);
  const frozen = Array.isArray(source) ? Object.freeze([...source]) : (source as QueryNode);
  return Object.freeze({ kind: 'membership', path, negated, source: frozen });
}

export function relationNode(path: PathNode, quantifier: 'has' | 'any', condition: ConditionNode | undefined): RelationNode {
  return Object.freeze({ kind: 'relation', path, quantifier, condition });
}

/**
 * `and`/`or` of the given conditions; nested nodes of the same kind are flattened (unless a raw
 * expression wrote them in parentheses), one condition is returned as is.
 */
export function junctionNode(kind: 'and' | 'or', conditions: readonly ConditionNode[]): ConditionNode {
  if (conditions.length === 0) throw new QueryError(`${kind}() needs at least one condition.`, { cause: { kind } });
  const flat: ConditionNode[] = [];
  for (const condition of conditions) {
    if (condition.kind === kind && !(condition.parens !== undefined && condition.parens.length > 0)) flat.push(...(condition as JunctionNode).conditions);
    else flat.push(condition);
  }
  if (flat.length === 1) return flat[0]!;
  return Object.freeze({ kind, conditions: Object.freeze(flat) });
}

export function notNode(condition: ConditionNode): NotNode {
  return Object.freeze({ kind: 'not', condition });
}

const AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max']);

/** `count(id)`, `max(date)`: an aggregate projection. */
export function aggregateNode(fn: AggregateFunction, path: PathNode): AggregateNode {
  if (!AGGREGATES.has(fn)) throw new QueryError(`Unknown aggregate function ${JSON.stringify(fn)} (count, sum, avg, min or max).`, { cause: { fn } });
  return Object.freeze({ kind: 'aggregate', fn, path });
}

/** One `order by` item; no direction: none written (a raw expression's `order by name`, ascending). */
export function orderNode(path: PathNode, direction: 'asc' | 'desc' | undefined): OrderNode {
  if (direction === undefined) return Object.freeze({ kind: 'order', path });
  if (direction !== 'asc' && direction !== 'desc') {
    throw new QueryError(`Order direction must be 'asc' or 'desc', got ${String(direction)}.`, { cause: { direction } });
  }
  return Object.freeze({ kind: 'order', path, direction });
}

/** The fields of a query node; `groupBy` may be left out (none). */
export type QueryFields = Omit<QueryNode, 'kind' | 'groupBy'> & { readonly groupBy?: readonly PathNode[] };

/**
 * A query node from its fields; checks offset and limit. Projections may be empty only while they
 * are the (not yet known) default projections of a raw expression without `select`.
 */
export function queryNode(fields: QueryFields): QueryNode {
  checkCount('offset', fields.offset);
  checkCount('limit', fields.limit);
  if (fields.projections.length === 0 && !fields.defaultProjections) {
    throw new QueryError(`A query on ${fields.entityType} needs at least one projection.`, { cause: { entityType: fields.entityType } });
  }
  return Object.freeze({
    kind: 'query',
    entityType: entityTypeName(fields.entityType),
    projections: Object.freeze([...fields.projections]),
    defaultProjections: fields.defaultProjections,
    where: fields.where,
    groupBy: Object.freeze([...(fields.groupBy ?? [])]),
    orderBy: Object.freeze([...fields.orderBy]),
    offset: fields.offset,
    limit: fields.limit,
    // Kept through edits such as paging; the compiler uses the parts that still fit.
    ...(fields.written === undefined ? {} : { written: fields.written }),
  });
}

/**
 * An entity type name: any non-empty string. The query language has no syntax for a type name that
 * is not an identifier; the compiler writes one in backticks, which the server refuses (a schema
 * can hold such a type: it can be created and committed, but not queried).
 */
function entityTypeName(name: string): string {
  if (typeof name !== 'string' || name === '') throw new QueryError(`Entity type names must be non-empty strings, got ${JSON.stringify(name)}.`, { cause: { name } });
  return name;
}

function checkCount(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new QueryError(`${name} must be a non-negative integer, got ${String(value)}.`, { cause: { [name]: value } });
  }
}

/** A subquery selects exactly one explicit attribute and has no order by, offset or limit (grammar). */
function checkSubquery(node: QueryNode): void {
  if (node.defaultProjections || node.projections.length !== 1 || node.projections[0]!.kind !== 'path') {
    throw new QueryError(
      `A subquery must select exactly one attribute, e.g. q.${node.entityType}.select('id'); it selects ${node.defaultProjections ? 'the default projections' : node.projections.length}.`,
      { cause: { entityType: node.entityType } },
    );
  }
  if (node.groupBy.length > 0 || node.orderBy.length > 0 || node.offset !== undefined || node.limit !== undefined) {
    throw new QueryError(`A subquery on ${node.entityType} cannot have order by, offset, limit or group by.`, {
      cause: { entityType: node.entityType },
    });
  }
}
