import type { EntityTypeModel } from '../../runtime/schema/index.js';
import { apiError } from '../api/api-error.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';
import { toWire } from '../model/values.js';
import { refillServerValues } from '../rules/apply-rules.js';
import type { WriteContext } from './write-context.js';

/**
 * Required scalar attributes (after defaults and derivation) must be non-null — except a foreign
 * key to a type the served schema lacks (a trimmed or older schema): no row could satisfy it.
 */
export function checkRequired(workspace: Workspace, type: EntityTypeModel, values: Record<string, unknown>): void {
  const missing = (type.raw.required ?? []).filter((name) => {
    const attribute = type.attributes.get(name);
    if (attribute?.kind !== 'scalar' || attribute.computed || (values[name] !== null && values[name] !== undefined)) return false;
    return attribute.format !== 'foreign_key' || workspace.graph.foreignKeyTarget(attribute) !== undefined;
  });
  if (missing.length > 0) {
    throw apiError(
      'ValidationError',
      `Cannot save ${type.name}: missing required value${missing.length > 1 ? 's' : ''} for ${missing.join(', ')} (the server could not derive ${missing.length > 1 ? 'them' : 'it'}).`,
      'missing_required',
    );
  }
}

/** Every non-null foreign key of a reference must point at an existing row of the right family. */
export function checkReferences(workspace: Workspace, type: EntityTypeModel, values: Record<string, unknown>, only?: ReadonlySet<string>): void {
  const pending: Row = { type: type.name, values, seq: 0 };
  for (const attribute of type.attributes.values()) {
    if (attribute.kind !== 'reference') continue;
    const link = workspace.link(type.name, attribute.name);
    if (link.kind !== 'reference' || link.columns.every((c) => values[c] == null)) continue;
    if (only !== undefined && !link.columns.some((c) => only.has(c))) continue;
    if (workspace.referenced(pending, link) === undefined) {
      const shown = link.columns.map((c) => `${c}=${String(values[c])}`).join(', ');
      throw apiError('ValidationError', `${type.name}.${attribute.name}: no ${attribute.target} matches ${shown}.`, 'not_found');
    }
  }
}

/**
 * Checks the required values of every row the batch created or updated, once the whole batch is
 * applied (a later operation may still fill them). A failure names the last operation that
 * touched the row: `context.operationIndex` is set to it before the error is thrown.
 */
export function checkTouchedRows(context: WriteContext): void {
  const { workspace } = context;
  for (const [row, index] of context.touched) {
    const type = workspace.graph.type(row.type);
    if (workspace.getRow(row.type, type.primaryKey.map((c) => row.values[c])) !== row) continue;
    context.operationIndex = index;
    const result = context.created.get(row);
    if (result !== undefined) {
      // Values that depend on relations set later in the batch (a parent given by an update or
      // by appending to the parent's collection) are filled now, and added to the create result.
      for (const name of refillServerValues({ workspace, apiUser: context.apiUser }, row)) {
        const attribute = type.attributes.get(name);
        if (!(name in result) && attribute?.kind === 'scalar') result[name] = toWire(attribute, row.values[name]);
      }
    }
    checkRequired(workspace, type, row.values);
  }
}
