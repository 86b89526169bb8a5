import { bareRecord } from '../../runtime/protocol/own-record.js';
import type { EntityTypeModel } from '../../runtime/schema/index.js';
import { apiError, unknownAttributeError } from '../api/api-error.js';
import { toStored } from '../model/values.js';
import type { Row } from '../store/row.js';
import { assignCollection, referenceColumns } from './assign-relation.js';
import { checkApplies, checkConfiguredValue, configuredItemsOf, ownerOf, type ConfiguredItems } from './custom-attributes.js';
import { normaliseKeyValue, parseEntityKey, requireRow } from './entity-ref.js';
import { entityData, operationType } from './operation-input.js';
import { refillServerValues } from '../rules/apply-rules.js';
import { checkReferences } from './validate-row.js';
import { noteAssigned, setEarlierInBatch, type WriteContext } from './write-context.js';
import { updatedResult } from './write-result.js';

/**
 * `update`: `entity_key` as a list or a bare string; immutable attributes may only be re-sent
 * unchanged; collections replace their membership; configured values (custom attributes) upsert.
 *
 * @example
 * updateEntity(context, { action: 'update', entity_type: 'Task', entity_key: id, entity_data: { name: 'comp' } });
 */
export function updateEntity(context: WriteContext, operation: Record<string, unknown>): { action: 'update'; data: Record<string, unknown> } {
  const { workspace } = context;
  const type = operationType(workspace, operation);
  const key = parseEntityKey(workspace, type.name, operation.entity_key);
  const data = entityData(operation, false, type);
  const configured = configuredItemsOf(workspace, type.name);
  const existing = workspace.getRow(type.name, key);
  const row = existing ?? (configured !== undefined ? upsertRow(context, type, key, configured) : requireRow(workspace, type.name, key));
  const changed: string[] = [];
  const touchedColumns = new Set<string>();
  for (const [name, value] of data) {
    const attribute = workspace.graph.type(row.type).attributes.get(name);
    const where = `${row.type}.${name}`;
    if (attribute === undefined) throw unknownAttributeError(row.type, name);
    if (attribute.computed) throw apiError('ValidationError', `${where} is computed by the server and cannot be set.`, 'computed_attribute');
    changed.push(name);
    if (attribute.kind === 'scalar') {
      let stored = normaliseKeyValue(workspace, row.type, name, toStored(attribute, value, where));
      if (configured !== undefined && name === configured.configured.valueAttribute) stored = checkConfigured(context, row, configured, value);
      if (attribute.immutable && !sameValue(row.values[name], stored)) throw immutableError(where);
      workspace.store.set(row, name, stored);
      touchedColumns.add(name);
    } else if (attribute.kind === 'reference') {
      const columns = referenceColumns(workspace, workspace.link(row.type, name), value, where);
      const differs = Object.entries(columns).some(([column, v]) => !sameValue(row.values[column], v));
      if (attribute.immutable && differs) throw immutableError(where);
      for (const [column, v] of Object.entries(columns)) {
        workspace.store.set(row, column, v);
        touchedColumns.add(column);
      }
    } else {
      if (attribute.immutable) throw immutableError(where);
      assignCollection(workspace, row, workspace.link(row.type, name), value, where, (member) => removeRow(context, member), setEarlierInBatch(context));
    }
  }
  const rowType = workspace.graph.type(row.type);
  checkReferences(workspace, rowType, row.values, touchedColumns);
  if (context.created.has(row)) refillServerValues({ workspace, apiUser: context.apiUser }, row);
  context.touched.set(row, context.operationIndex);
  noteAssigned(context, row, touchedColumns);
  return { action: 'update', data: updatedResult(workspace, row, changed) };
}

function removeRow(context: WriteContext, row: Row): void {
  context.workspace.store.remove(row);
}

/** Creates the missing configured value row `[configuration, entity]` that an update addresses. */
function upsertRow(context: WriteContext, type: EntityTypeModel, key: unknown[], items: ConfiguredItems): Row {
  const { workspace } = context;
  const { configured, link } = items;
  const values: Record<string, unknown> = bareRecord();
  type.primaryKey.forEach((column, index) => {
    values[column] = key[index];
  });
  const config = workspace.getRow(configured.configType, [values[configured.configColumn]]);
  if (config === undefined) {
    throw apiError('ValidationError', `${type.name}: no ${configured.configType} with id ${String(values[configured.configColumn])}.`, 'not_found');
  }
  const ownerKey = values[link.itemColumns[0]!];
  const owner = ownerOf(workspace, items, ownerKey);
  if (owner === undefined) throw apiError('ValidationError', `${type.name}: no entity with id ${String(ownerKey)} to hold the value.`, 'not_found');
  checkApplies(workspace, items, config, owner);
  values[configured.keyAttribute] = config.values[configured.keyAttribute] ?? null;
  values[configured.valueAttribute] = config.values.default ?? null;
  return workspace.store.insert(type.name, values);
}

function checkConfigured(context: WriteContext, row: Row, items: ConfiguredItems, value: unknown): unknown {
  const config = context.workspace.getRow(items.configured.configType, [row.values[items.configured.configColumn]]);
  return config === undefined ? value : checkConfiguredValue(context.workspace, config, items.configured, value);
}

function immutableError(where: string): Error {
  return apiError('ValidationError', `${where} is immutable and cannot be changed once the entity exists.`, 'immutable_attribute');
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) return true;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}
