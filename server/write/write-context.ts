import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/** What one write operation needs: the workspace, who acts, and the batch's bookkeeping. */
export interface WriteContext {
  readonly workspace: Workspace;
  /** The API user the request acts as (`ftrack-user`): author of notes, owner of timers. */
  readonly apiUser?: string | undefined;
  /** Rows created or updated in this batch → index of the last operation that touched them;
   *  their required values are checked once the whole batch is applied. */
  readonly touched: Map<Row, number>;
  /** Rows created in this batch → their `create` result, which values filled later are added to. */
  readonly created: Map<Row, Record<string, unknown>>;
  /** Columns each row had set explicitly by a create or update of this batch (back-links included). */
  readonly assigned: Map<Row, Set<string>>;
  /** Index of the operation being applied. */
  operationIndex: number;
}

/** Records that an operation of the batch set `columns` of `row` explicitly. */
export function noteAssigned(context: WriteContext, row: Row, columns: Iterable<string>): void {
  let set = context.assigned.get(row);
  if (set === undefined) context.assigned.set(row, (set = new Set()));
  for (const column of columns) set.add(column);
}

/**
 * A collection replacement keeps a member whose back-link an earlier operation of the batch set
 * explicitly: clients send the collection as they loaded it, without the children they parented
 * in the same commit (`child.parent = project` and `project.children.append(other)`).
 */
export function setEarlierInBatch(context: WriteContext): (row: Row, columns: readonly string[]) => boolean {
  return (row, columns) => {
    const set = context.assigned.get(row);
    return set !== undefined && columns.every((column) => set.has(column));
  };
}
