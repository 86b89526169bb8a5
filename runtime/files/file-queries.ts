import type { QueryOperation } from '../protocol/operations.js';
import { compileQuery } from '../query/compile-query.js';
import { comparisonNode, junctionNode, pathNode, queryNode, valueNode } from '../query/node-factory.js';

/**
 * The `query` operation `select <fields> from <type> where <a> is <v> and …`, built as query nodes
 * and written by the compiler (the only writer of query text in runtime/).
 * @example selectWhere('Job', ['status', 'data'], { id: '…' }) // select status, data from Job where id is "…"
 */
export function selectWhere(entityType: string, fields: readonly string[], where: Readonly<Record<string, string>>): QueryOperation {
  const conditions = Object.entries(where).map(([path, value]) => comparisonNode(pathNode(path.split('.')), 'is', valueNode(value)));
  const node = queryNode({
    entityType,
    projections: fields.map((field) => pathNode(field.split('.'))),
    defaultProjections: false,
    where: conditions.length === 1 ? conditions[0] : junctionNode('and', conditions),
    orderBy: [],
    offset: undefined,
    limit: undefined,
  });
  return { action: 'query', expression: compileQuery(node) };
}

/**
 * The rows of a `query` result (its `data`), or none when the result has no rows.
 * @example const [row] = selectRows(page) // page = the result of `select id from Location where name is "…"`
 */
export function selectRows(page: unknown): readonly unknown[] {
  return (page as { data?: unknown[] } | undefined)?.data ?? [];
}
