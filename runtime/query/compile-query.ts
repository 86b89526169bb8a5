import { QueryError } from '../errors.js';
import type { ConditionNode, MembershipNode, OrderNode, PathNode, ProjectionNode, QueryNode, RelationNode } from './nodes.js';
import { formatPath, pathSegment, quoteValue } from './quote.js';

/**
 * The one compiler from the query AST to an ftrack expression.
 *
 * @example compileQuery(q.Project.where((p) => p.status.eq('active')).node)
 * // select context_type, id, name from Project where status is "active"
 * @example compileQuery(parseQuery('Task where (bid>1)  LIMIT 5')) // Task where bid > 1 limit 5
 */
export function compileQuery(node: QueryNode): string {
  const entityType = pathSegment(node.entityType);
  let text: string;
  if (node.projections.length > 0) text = `select ${node.projections.map(compileProjection).join(', ')} from ${entityType}`;
  else if (node.defaultProjections) text = entityType; // a raw expression without select
  else throw new QueryError(`A query on ${node.entityType} needs at least one projection.`, { cause: { entityType: node.entityType } });
  if (node.where !== undefined) text += ` where ${compileCondition(node.where)}`;
  if (node.groupBy.length > 0) text += ` group by ${node.groupBy.map(compilePath).join(', ')}`;
  if (node.orderBy.length > 0) text += ` order by ${node.orderBy.map(compileOrder).join(', ')}`;
  if (node.offset !== undefined) text += ` offset ${node.offset}`;
  if (node.limit !== undefined) text += ` limit ${node.limit}`;
  return text;
}

/**
 * Compiles a condition. Precedence is always explicit: an `and` inside an `or` (and the reverse)
 * is parenthesised, `not` always takes a parenthesised operand (or a `has`/`any` atom).
 */
export function compileCondition(node: ConditionNode): string {
  switch (node.kind) {
    case 'comparison':
      return `${compilePath(node.path)} ${node.operator} ${quoteValue(node.value.value)}`;
    case 'membership':
      return compileMembership(node);
    case 'relation':
      return compileRelation(node);
    case 'and':
    case 'or':
      return node.conditions.map((c) => (c.kind === 'and' || c.kind === 'or' ? `(${compileCondition(c)})` : compileCondition(c))).join(` ${node.kind} `);
    case 'not':
      return node.condition.kind === 'relation' ? `not ${compileCondition(node.condition)}` : `not (${compileCondition(node.condition)})`;
  }
}

function compileMembership(node: MembershipNode): string {
  const operator = node.negated ? 'not_in' : 'in';
  const source = node.source;
  if (isQueryNode(source)) return `${compilePath(node.path)} ${operator} (${compileSubquery(source)})`;
  return `${compilePath(node.path)} ${operator} (${source.map((v) => quoteValue(v.value)).join(', ')})`;
}

function compileRelation(node: RelationNode): string {
  const inner = node.condition === undefined ? '' : compileCondition(node.condition);
  return `${compilePath(node.path)} ${node.quantifier} (${inner})`;
}

/** A subquery (already checked by `membershipNode`): `select <path> from <Type> [where …]`. */
function compileSubquery(node: QueryNode): string {
  const where = node.where === undefined ? '' : ` where ${compileCondition(node.where)}`;
  return `select ${compileProjection(node.projections[0]!)} from ${pathSegment(node.entityType)}${where}`;
}

function compileProjection(node: ProjectionNode): string {
  return node.kind === 'aggregate' ? `${node.fn}(${compilePath(node.path)})` : compilePath(node);
}

function compileOrder(node: OrderNode): string {
  return `${compilePath(node.path)} ${node.direction}`;
}

/** `status.name`; segments that are not identifiers in backticks (`` parent.`my-attr` ``, see `pathSegment`). */
function compilePath(node: PathNode): string {
  return formatPath(node.segments);
}

function isQueryNode(source: MembershipNode['source']): source is QueryNode {
  return !Array.isArray(source);
}
