import { apiError } from '../api/api-error.js';
import type { EntityTypeModel } from '../../runtime/schema/index.js';
import type { Workspace } from '../store/workspace.js';

/** The entity type named by an operation, or a ValidationError. */
export function operationType(workspace: Workspace, operation: Record<string, unknown>): EntityTypeModel {
  const name = operation.entity_type;
  if (typeof name !== 'string' || name === '') {
    throw apiError('ValidationError', `A ${String(operation.action)} operation needs an "entity_type" string.`, 'invalid_operation');
  }
  const type = workspace.model.types.get(name);
  if (type === undefined) throw apiError('ValidationError', `Unknown entity type "${name}": it is not in this server's schema.`, 'unknown_entity_type');
  return type;
}

/**
 * `entity_data` entries, without `__entity_type__` and other `__…` markers clients may add
 * (a `__…` name that `type` has as an attribute, such as `__proto__`, is kept).
 */
export function entityData(operation: Record<string, unknown>, optional = false, type?: EntityTypeModel): [string, unknown][] {
  const data = operation.entity_data;
  if (data === undefined && optional) return [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw apiError('ValidationError', `A ${String(operation.action)} operation needs an "entity_data" object.`, 'invalid_operation');
  }
  return Object.entries(data as Record<string, unknown>).filter(([name]) => !name.startsWith('__') || type?.attributes.has(name) === true);
}
