import { bareRecord } from '../../runtime/protocol/own-record.js';
import { randomUUID } from 'node:crypto';
import type { Attribute, EntityTypeModel } from '../../runtime/schema/index.js';
import { apiError, unknownAttributeError } from '../api/api-error.js';
import { toStored } from '../model/values.js';
import type { Row } from '../store/row.js';
import { DuplicateKeyError } from '../store/store.js';
import { assignCollection, referenceColumns } from './assign-relation.js';
import { checkApplies, checkConfiguredValue, configurationByKey, configuredItemsOf, ownerOf, type ConfiguredItems } from './custom-attributes.js';
import { checkUniqueRules, fillServerValues, isAbstractType } from '../rules/apply-rules.js';
import { normaliseKeyValue } from './entity-ref.js';
import { entityData, operationType } from './operation-input.js';
import { checkReferences } from './validate-row.js';
import { noteAssigned, setEarlierInBatch, type WriteContext } from './write-context.js';
import { createdResult } from './write-result.js';

/**
 * `create`: schema defaults (`{uid}` → new UUID, the subtype's classifier), the values ftrack's
 * rules fill (`server/rules/`), type checks, then the insert. Collections in `entity_data` are
 * assigned after the insert; required values are checked when the whole batch is applied.
 *
 * @example
 * createEntity(context, { action: 'create', entity_type: 'Sequence', entity_data: { name: 'sq020', parent: { __entity_type__: 'Project', id } } });
 */
export function createEntity(context: WriteContext, operation: Record<string, unknown>): { action: 'create'; data: Record<string, unknown> } {
  const { workspace } = context;
  const type = operationType(workspace, operation);
  if (isAbstractType(workspace, type)) {
    throw apiError('ValidationError', `${type.name} is abstract: create one of ${type.subtypes.join(', ')}.`, 'abstract_type');
  }
  // Null prototype: attribute names such as `__proto__` or `constructor` are plain keys.
  const values: Record<string, unknown> = bareRecord();
  const deferred: [Attribute, unknown][] = [];
  for (const [name, value] of entityData(operation, false, type)) {
    const attribute = type.attributes.get(name);
    const where = `${type.name}.${name}`;
    if (attribute === undefined) throw unknownAttributeError(type.name, name);
    if (attribute.computed) throw apiError('ValidationError', `${where} is computed by the server and cannot be set.`, 'computed_attribute');
    if (attribute.kind === 'scalar') values[name] = normaliseKeyValue(workspace, type.name, name, toStored(attribute, value, where));
    else if (attribute.kind === 'reference') Object.assign(values, referenceColumns(workspace, workspace.link(type.name, name), value, where));
    else deferred.push([attribute, value]);
  }
  const explicit = Object.keys(values);
  applyEntityKey(context, type, operation.entity_key, values);
  applyDefaults(type, values);
  for (const classifier of type.classifiers) {
    if (values[classifier.attribute] !== classifier.value) {
      throw apiError('ValidationError', `${type.name}.${classifier.attribute} must be ${classifier.value} (it identifies the subtype).`, 'classifier_mismatch');
    }
  }
  const configured = configuredItemsOf(workspace, type.name);
  if (configured !== undefined) checkConfiguredItem(context, type, values, configured);
  fillServerValues({ workspace, apiUser: context.apiUser }, type, values);
  // A row without its primary key could never be read, updated or deleted again.
  const keyless = type.primaryKey.find((column) => values[column] === undefined || values[column] === null);
  if (keyless !== undefined) {
    throw apiError('ValidationError', `${type.name}.${keyless} is part of the primary key and has no default: a create must give it.`, 'missing_primary_key');
  }
  checkReferences(workspace, type, values);
  checkUniqueRules(workspace, type, values);
  let row: Row;
  try {
    row = workspace.store.insert(type.name, values);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    const key = type.primaryKey.map((c) => String(values[c])).join(', ');
    throw apiError('DuplicateEntryError', `${type.name}(${key}) already exists: the primary key ${type.primaryKey.join(', ')} is taken.`, 'duplicate_entry');
  }
  context.touched.set(row, context.operationIndex);
  noteAssigned(context, row, explicit);
  for (const [attribute, value] of deferred) {
    const where = `${type.name}.${attribute.name}`;
    assignCollection(workspace, row, workspace.link(type.name, attribute.name), value, where, (member) => workspace.store.remove(member), setEarlierInBatch(context));
  }
  const data = createdResult(workspace, row);
  context.created.set(row, data);
  return { action: 'create', data };
}

function applyEntityKey(context: WriteContext, type: EntityTypeModel, key: unknown, values: Record<string, unknown>): void {
  if (key === undefined || key === null) return;
  const list = Array.isArray(key) ? key : [key];
  if (list.length !== type.primaryKey.length) {
    throw apiError('ValidationError', `entity_key of ${type.name} must list ${type.primaryKey.join(', ')}.`, 'invalid_entity_key');
  }
  type.primaryKey.forEach((column, index) => {
    const value = normaliseKeyValue(context.workspace, type.name, column, list[index]);
    if (values[column] == null) values[column] = value;
    else if (String(values[column]) !== String(value)) {
      throw apiError('ValidationError', `entity_key of ${type.name} does not match entity_data.${column}.`, 'invalid_entity_key');
    }
  });
}

function applyDefaults(type: EntityTypeModel, values: Record<string, unknown>): void {
  for (const attribute of type.attributes.values()) {
    if (attribute.kind !== 'scalar' || !attribute.hasDefault || values[attribute.name] !== undefined) continue;
    const fallback = attribute.default;
    if (fallback === '{uid}') values[attribute.name] = randomUUID();
    else {
      try {
        values[attribute.name] = toStored(attribute, structuredClone(fallback), `${type.name}.${attribute.name}`);
      } catch {
        values[attribute.name] = structuredClone(fallback);
      }
    }
  }
}

/**
 * A created value row (`ContextCustomAttributeValue {entity_id, configuration_id | key, value}`):
 * without a configuration id the key picks the one configuration that applies to the owner; the
 * configuration must apply to it; the key is copied from the configuration and the value checked.
 */
function checkConfiguredItem(context: WriteContext, type: EntityTypeModel, values: Record<string, unknown>, items: ConfiguredItems): void {
  const { workspace } = context;
  const { configured, link } = items;
  const ownerKey = values[link.itemColumns[0]!];
  const owner = ownerKey == null ? undefined : ownerOf(workspace, items, ownerKey);
  if (owner === undefined) throw apiError('ValidationError', `${type.name}: no entity with id ${String(ownerKey)} to hold the value.`, 'not_found');
  const key = values[configured.keyAttribute];
  if (values[configured.configColumn] == null && typeof key === 'string') {
    values[configured.configColumn] = configurationByKey(workspace, items, owner, key).values[configured.configKey];
  }
  const config = workspace.getRow(configured.configType, [values[configured.configColumn]]);
  if (config === undefined) {
    throw apiError('ValidationError', `${type.name}.${configured.configColumn}: no ${configured.configType} with id ${String(values[configured.configColumn])}.`, 'not_found');
  }
  checkApplies(workspace, items, config, owner);
  values[configured.keyAttribute] = config.values[configured.keyAttribute] ?? null;
  if (configured.valueAttribute in values) {
    values[configured.valueAttribute] = checkConfiguredValue(workspace, config, configured, values[configured.valueAttribute]);
  }
}
