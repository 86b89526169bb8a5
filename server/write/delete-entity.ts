import { apiError } from '../api/api-error.js';
import { checkDeleteRules } from '../rules/apply-rules.js';
import type { IncomingKey } from '../model/relation-types.js';
import { rowKey, type Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { parseEntityKey, requireRow } from './entity-ref.js';
import { operationType } from './operation-input.js';
import type { WriteContext } from './write-context.js';

/**
 * `delete` with the cascade documented in server/README.md: rows whose key includes the deleted row
 * (link rows), items of its mapped arrays (metadata, custom attribute values and links), members of its collections whose back-link
 * is optional or one of their system projections (children, notes, timelogs, assets…) are deleted
 * too, recursively; other optional foreign keys are cleared; any other required foreign key from a
 * row that stays (a Task's status) refuses the delete.
 *
 * @example
 * deleteEntity(context, { action: 'delete', entity_type: 'Project', entity_key: [id] }); // { action: 'delete', data: true }
 */
export function deleteEntity(context: WriteContext, operation: Record<string, unknown>): { action: 'delete'; data: true } {
  const { workspace } = context;
  const type = operationType(workspace, operation);
  const row = requireRow(workspace, type.name, parseEntityKey(workspace, type.name, operation.entity_key));
  const doomed = new Set<Row>();
  const clear: { row: Row; key: IncomingKey }[] = [];
  const blocked: { row: Row; by: Row; key: IncomingKey }[] = [];
  const stack = [row];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (doomed.has(current)) continue;
    doomed.add(current);
    for (const key of workspace.relations.incoming(current.type)) {
      for (const dependant of dependantsOf(workspace, current, key)) {
        if (dependant === current) continue;
        if (key.inPrimaryKey || key.mapped || (key.owned && (!key.required || key.systemProjection))) stack.push(dependant);
        else if (key.required) blocked.push({ row: dependant, by: current, key });
        else clear.push({ row: dependant, key });
      }
    }
  }
  const blocker = blocked.find((entry) => !doomed.has(entry.row));
  if (blocker !== undefined) {
    const count = blocked.filter((entry) => !doomed.has(entry.row) && entry.key === blocker.key).length;
    throw apiError(
      'ValidationError',
      `Cannot delete ${workspace.describeRow(blocker.by)}: ${count} ${blocker.key.source} row(s) still require it through ${blocker.key.columns.join(', ')} (e.g. ${workspace.describeRow(blocker.row)}). Change or delete them first.`,
      'still_referenced',
    );
  }
  for (const doomedRow of doomed) checkDeleteRules(workspace, doomedRow);
  for (const entry of clear) {
    if (doomed.has(entry.row)) continue;
    for (const column of entry.key.columns) workspace.store.set(entry.row, column, null);
    if (entry.key.typeColumn !== undefined) workspace.store.set(entry.row, entry.key.typeColumn, null);
  }
  for (const doomedRow of doomed) workspace.store.remove(doomedRow);
  return { action: 'delete', data: true };
}

function dependantsOf(workspace: Workspace, row: Row, key: IncomingKey): Row[] {
  const value = rowKey(row, key.targetColumns);
  if (value === undefined) return [];
  const family = workspace.graph.relationFamily(key.source);
  const out: Row[] = [];
  for (const candidate of workspace.store.find(workspace.graph.root(key.source), key.columns, value)) {
    if (!family.has(candidate.type) && !workspace.graph.queryFamily(key.source).includes(candidate.type)) continue;
    if (key.typeColumn !== undefined) {
      const tag = candidate.values[key.typeColumn];
      if (typeof tag === 'string' && workspace.model.types.has(tag) && !workspace.graph.relationFamily(workspace.graph.root(row.type)).has(tag)) continue;
    }
    out.push(candidate);
  }
  return out;
}
