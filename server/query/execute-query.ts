import { apiError } from '../api/api-error.js';
import type { EntityEncoder } from '../encode/entity-encoder.js';
import { buildProjectionTree } from '../encode/projection-tree.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { aggregateRows } from './aggregate.js';
import type { PathRef } from './ast.js';
import { checkEntityType } from './check-type.js';
import { compileCondition } from './compile-condition.js';
import { orderRows } from './order-rows.js';
import { parseQuery } from './parser.js';

/** The `query` action result (spec 2.3). */
export interface QueryResult {
  action: 'query';
  data: unknown[];
  metadata: { next: { offset: number | null } };
}

/** Request-level switches that change how a query answers. */
export interface QueryContext {
  readonly strict: boolean;
  readonly encoder: EntityEncoder;
  /** Rows must also pass this test (applied with `where`, before ordering and paging). */
  readonly filter?: (row: Row) => boolean;
}

/**
 * Parses and runs one query expression: filter, order (creation order by default), page
 * (`next.offset` is null once the last matching row is sent), then encode or aggregate.
 *
 * @example
 * executeQuery(workspace, 'select name, status.name from Task where parent.name is "sq010" limit 10', context);
 */
export function executeQuery(workspace: Workspace, expression: unknown, context: QueryContext): QueryResult {
  if (typeof expression !== 'string') {
    throw apiError('ValidationError', 'A query operation needs an "expression" string.', 'invalid_operation');
  }
  const query = parseQuery(expression);
  checkEntityType(workspace, query.entityType, query.typePosition);
  const type = workspace.graph.type(query.entityType);
  const aggregated = query.groupBy !== undefined || (query.select ?? []).some((p) => p.kind === 'aggregate');
  if (aggregated) {
    if (!context.strict) {
      throw apiError('ValidationError', 'Aggregate queries ("group by", count/sum/avg/min/max) need the strict API: send the header "ftrack-strict-api: true".', 'strict_api_required');
    }
    if (!type.groupBy) throw apiError('ValidationError', `${type.name} does not support "group by" (its schema has no metadata.group_by).`, 'group_by_unsupported');
  }
  const tree = aggregated
    ? undefined
    : buildProjectionTree(workspace, type.name, query.select?.map((p) => p.target as PathRef));
  const predicate = query.where === undefined ? undefined : compileCondition(workspace, type.name, query.where);
  const matching: Row[] = [];
  const { filter } = context;
  for (const row of workspace.rowsOf(type.name)) {
    if ((predicate === undefined || predicate(row)) && (filter === undefined || filter(row))) matching.push(row);
  }
  const ordered = orderRows(workspace, type.name, matching, aggregated ? [] : query.orderBy);
  if (aggregated) {
    const rows = aggregateRows(workspace, query, ordered);
    return page(rows, query.offset, query.limit, (row) => row);
  }
  return page(ordered, query.offset, query.limit, (row) => context.encoder.encode(row, tree!));
}

function page<T>(rows: readonly T[], offset = 0, limit: number | undefined, encode: (row: T) => unknown): QueryResult {
  const end = limit === undefined ? rows.length : Math.min(rows.length, offset + limit);
  const slice = offset >= rows.length ? [] : rows.slice(offset, end);
  const next = offset + slice.length < rows.length ? offset + slice.length : null;
  return { action: 'query', data: slice.map(encode), metadata: { next: { offset: next } } };
}
