import { apiError } from '../api/api-error.js';
import type { Row } from '../store/row.js';
import type { Workspace } from '../store/workspace.js';

/**
 * Primary-key values from an `entity_key` (list in schema order, or a bare string for
 * single-key types), as strings the way clients send them.
 */
export function parseEntityKey(workspace: Workspace, typeName: string, key: unknown): unknown[] {
  const primaryKey = workspace.graph.type(typeName).primaryKey;
  const values = typeof key === 'string' || typeof key === 'number' ? [key] : Array.isArray(key) ? key : undefined;
  if (values === undefined || values.length !== primaryKey.length || values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw apiError(
      'ValidationError',
      `entity_key of ${typeName} must be ${primaryKey.length === 1 ? 'a string or ' : ''}a list of ${primaryKey.length} value(s): ${primaryKey.join(', ')}.`,
      'invalid_entity_key',
    );
  }
  return values.map((value, index) => normaliseKeyValue(workspace, typeName, primaryKey[index]!, value));
}

/** Key values are compared as stored: numbers for numeric keys, strings otherwise. */
export function normaliseKeyValue(workspace: Workspace, typeName: string, column: string, value: unknown): unknown {
  const attribute = workspace.graph.type(typeName).attributes.get(column);
  if (attribute?.kind === 'scalar' && (attribute.type === 'integer' || attribute.type === 'number') && typeof value === 'string') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return attribute?.kind === 'scalar' && attribute.type === 'string' && typeof value === 'number' ? String(value) : value;
}

/** The stored row of `typeName`'s family with this key, or a ValidationError saying it does not exist. */
export function requireRow(workspace: Workspace, typeName: string, key: readonly unknown[]): Row {
  const row = workspace.getRow(typeName, key);
  if (row === undefined) {
    throw apiError('ValidationError', `${typeName}(${key.map(String).join(', ')}) does not exist.`, 'not_found');
  }
  return row;
}

/**
 * Resolves an entity reference `{"__entity_type__": "Status", "id": "…"}` to a stored row whose
 * type may fill a relation targeting `target`.
 */
export function resolveReference(workspace: Workspace, value: unknown, target: string, where: string): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw apiError('ValidationError', `${where}: expected an entity reference like {"__entity_type__": "${target}", …}.`, 'invalid_reference');
  }
  const record = value as Record<string, unknown>;
  const declared = typeof record.__entity_type__ === 'string' ? record.__entity_type__ : target;
  if (!workspace.model.types.has(declared)) {
    throw apiError('ValidationError', `${where}: unknown entity type "${declared}".`, 'unknown_entity_type');
  }
  const family = workspace.graph.relationFamily(target);
  if (!family.has(declared) && !workspace.graph.queryFamily(declared).some((t) => family.has(t))) {
    throw apiError('ValidationError', `${where}: a ${declared} cannot be used here (expected ${target}).`, 'invalid_reference');
  }
  const primaryKey = workspace.graph.type(declared).primaryKey;
  const key = primaryKey.map((column) => normaliseKeyValue(workspace, declared, column, record[column]));
  if (key.some((v) => v === undefined || v === null)) {
    throw apiError('ValidationError', `${where}: the reference must carry ${primaryKey.join(', ')}.`, 'invalid_reference');
  }
  const row = workspace.getRow(declared, key);
  if (row === undefined || !family.has(row.type)) {
    throw apiError('ValidationError', `${where}: ${declared}(${key.map(String).join(', ')}) does not exist.`, 'not_found');
  }
  return row;
}
