import { addClause, compileHead, compileList, compilePath } from './compile-condition.js';
import type { OrderNode, QueryNode, TailClause } from './nodes.js';
import { countOr, directionOr, gapOr, gapsOf, Pieces } from './written-check.js';

export { compileCondition } from './compile-condition.js';

/**
 * The one compiler from the query AST to an ftrack expression. A builder's tree is written in
 * canonical form; a tree `parseQuery` read is written as it was (see `written.ts`), with what was
 * changed since written canonically.
 *
 * @example compileQuery(q.Project.where((p) => p.status.eq('active')).node)
 * // select context_type, id, name from Project where status is "active"
 * @example compileQuery(parseQuery('Task where (bid>1)  LIMIT 5')) // Task where (bid>1)  LIMIT 5
 */
export function compileQuery(node: QueryNode): string {
  const written = node.written;
  const text = compileHead(node);
  for (const clause of tailOrder(node)) {
    if (clause === 'groupBy') addClause(text, written?.groupBy, 'group by', compileList(node.groupBy.map(compilePath), written?.groupBy?.commas));
    else if (clause === 'orderBy') addClause(text, written?.orderBy, 'order by', compileList(node.orderBy.map(compileOrder), written?.orderBy?.commas));
    else if (clause === 'offset') addClause(text, written?.offset, 'offset', countOr(written?.offset?.number, node.offset!));
    else addClause(text, written?.limit, 'limit', countOr(written?.limit?.number, node.limit!));
  }
  return gapOr(written?.leading, '') + text.text() + gapOr(written?.trailing, '');
}

/** The clauses after `where` in the order written, while the node has exactly those; else group by, order by, offset, limit. */
function tailOrder(node: QueryNode): readonly TailClause[] {
  const present: TailClause[] = [];
  if (node.groupBy.length > 0) present.push('groupBy');
  if (node.orderBy.length > 0) present.push('orderBy');
  if (node.offset !== undefined) present.push('offset');
  if (node.limit !== undefined) present.push('limit');
  const written = gapsOf(node.written?.tail, present.length);
  return written !== undefined && present.every((clause) => written.includes(clause)) ? (written as TailClause[]) : present;
}

function compileOrder(node: OrderNode): string {
  const path = compilePath(node.path);
  if (node.direction === undefined) return path;
  return new Pieces(path).add(gapOr(node.written?.gap, ' '), directionOr(node.written?.direction, node.direction)).text();
}
