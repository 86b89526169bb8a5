import { apiError } from '../api/api-error.js';
import type { Workspace } from '../store/workspace.js';

/** Fails with a ValidationError naming the type when the schema does not know it. */
export function checkEntityType(workspace: Workspace, name: string, position?: number): void {
  if (!workspace.model.types.has(name)) {
    const where = position === undefined ? '' : ` (position ${position})`;
    throw apiError('ValidationError', `Unknown entity type "${name}"${where}: it is not in this server's schema.`, 'unknown_entity_type');
  }
}
