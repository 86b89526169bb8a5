import type { EntityTypeModel } from '../../runtime/schema/index.js';
import { apiError } from '../api/api-error.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/** Required scalar attributes (after defaults and derivation) must be non-null. */
export function checkRequired(workspace: Workspace, type: EntityTypeModel, values: Record<string, unknown>): void {
  const missing = (type.raw.required ?? []).filter((name) => {
    const attribute = type.attributes.get(name);
    return attribute?.kind === 'scalar' && !attribute.computed && (values[name] === null || values[name] === undefined);
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
