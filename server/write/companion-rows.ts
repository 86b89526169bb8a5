import { companionRowsFor } from '../rules/apply-rules.js';
import type { Row } from '../store/row.js';
import { createEntity } from './create-entity.js';
import { checkReferences, checkTouchedRows } from './validate-row.js';
import type { WriteContext } from './write-context.js';

/**
 * Adds the companion rows ftrack's rules ask for (`COMPANION_ROWS`: a note's author as one of its
 * recipients) for every row the batch created and kept, once every operation is applied and its
 * values are filled. Each goes through `create` like a client's row (defaults, rules, journal) in
 * the same transaction; a companion naming no existing row is skipped. The batch's create results
 * stay as they are.
 *
 * @example
 * addCompanionRows(context); // create Note {content} → also Recipient {note_id: note.id, resource_id: note.user_id}
 */
export function addCompanionRows(context: WriteContext): void {
  const { workspace } = context;
  const added: WriteContext = { workspace, apiUser: context.apiUser, touched: new Map(), created: new Map(), assigned: new Map(), operationIndex: 0 };
  try {
    for (const row of [...context.created.keys()]) {
      if (!isLive(context, row)) continue;
      for (const companion of companionRowsFor(workspace, row)) {
        if (!referencesExist(context, companion.type, companion.values)) continue;
        // A failure names the last operation that touched the row the companion is for.
        added.operationIndex = context.touched.get(row) ?? context.operationIndex;
        createEntity(added, { action: 'create', entity_type: companion.type, entity_data: companion.values });
      }
    }
    checkTouchedRows(added);
  } catch (error) {
    context.operationIndex = added.operationIndex;
    throw error;
  }
}

function isLive(context: WriteContext, row: Row): boolean {
  const type = context.workspace.graph.type(row.type);
  return context.workspace.getRow(row.type, type.primaryKey.map((c) => row.values[c])) === row;
}

function referencesExist(context: WriteContext, typeName: string, values: Record<string, unknown>): boolean {
  try {
    checkReferences(context.workspace, context.workspace.graph.type(typeName), values);
    return true;
  } catch {
    return false;
  }
}
