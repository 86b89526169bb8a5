import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { executeQuery, type QueryContext } from '../query/execute-query.js';
import { parseQuery } from '../query/parser.js';
import { containers } from '../rules/apply-rules.js';
import { WORKFLOW } from '../rules/ftrack-rules.js';
import { apiError } from './api-error.js';

/** The `search` action result: a query result echoing `search` (spec 2.4). */
export interface SearchResult {
  action: 'search';
  data: unknown[];
  metadata: { next: { offset: number | null } };
}

/**
 * `search` (spec 2.4; matching rules [U], see docs/real-workspaces.md): the query `expression` (its type must be
 * `entity_type` or of its family), narrowed to rows where every one of `terms` is found, case
 * insensitive, in one of the row's text values (keys and foreign keys excluded); with
 * `context_id`, to that context and everything inside it (the row itself, or a row it belongs
 * to); with `object_type_ids`, to rows whose `object_type_id` is listed.
 *
 * @example
 * executeSearch(workspace, { action: 'search', expression: 'select name from Task', entity_type: 'Task', terms: ['anim'], context_id: projectId }, context);
 * // { action: 'search', data: [{ __entity_type__: 'Task', name: 'animation', … }], metadata: { next: { offset: null } } }
 */
export function executeSearch(workspace: Workspace, operation: Record<string, unknown>, context: QueryContext): SearchResult {
  const expression = operation.expression ?? operation.entity_type;
  if (typeof expression !== 'string') throw apiError('ValidationError', 'A search operation needs an "expression" string (or an "entity_type").', 'invalid_operation');
  const entityType = operation.entity_type;
  if (entityType !== undefined && entityType !== null) {
    const queried = parseQuery(expression).entityType;
    const family = typeof entityType === 'string' && workspace.model.types.has(entityType) ? workspace.graph.queryFamily(entityType) : [];
    if (!family.includes(queried)) {
      throw apiError('ValidationError', `search: the expression queries ${queried}, but "entity_type" is ${JSON.stringify(entityType)}.`, 'invalid_operation');
    }
  }
  const terms = stringList(operation.terms, 'terms').map((term) => term.toLowerCase());
  const objectTypes = operation.object_type_ids === undefined || operation.object_type_ids === null ? undefined : new Set(stringList(operation.object_type_ids, 'object_type_ids'));
  const contextId = operation.context_id === undefined || operation.context_id === null ? undefined : String(operation.context_id);
  const filter = (row: Row): boolean =>
    terms.every((term) => textValues(workspace, row).some((text) => text.includes(term))) &&
    (objectTypes === undefined || objectTypes.has(String(row.values[WORKFLOW.objectTypeColumn]))) &&
    (contextId === undefined || [row, ...containers(workspace, row)].some((r) => workspace.keyText(r) === contextId));
  const result = executeQuery(workspace, expression, { ...context, filter });
  return { action: 'search', data: result.data, metadata: result.metadata };
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw apiError('ValidationError', `search: "${name}" must be a list of strings.`, 'invalid_operation');
  }
  return value as string[];
}

/** The row's own text values in lower case: string scalars that are neither keys nor foreign keys. */
function textValues(workspace: Workspace, row: Row): string[] {
  const out: string[] = [];
  for (const attribute of workspace.graph.type(row.type).attributes.values()) {
    if (attribute.kind !== 'scalar' || attribute.type !== 'string' || attribute.isPrimaryKey || attribute.format === 'foreign_key') continue;
    const value = row.values[attribute.name];
    if (typeof value === 'string') out.push(value.toLowerCase());
  }
  return out;
}
