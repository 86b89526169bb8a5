import type { CreateOperation, UpdateOperation } from '../protocol/operations.js';
import { setOwn } from '../protocol/own-record.js';
import type { BaseEntity } from '../entity/base-entity.js';
import { commitOrder, deleteOrder, referencedEntities } from './commit-order.js';
import type { CommitSnapshot } from './commit-snapshot.js';
import { companionForeignKeys, partnerOf } from '../entity/foreign-key-sync.js';
import { encodeValue } from './encode.js';
import { NOT_SET, RUNTIME, STATE } from '../entity/entity-internals.js';
import { mappedItemLink } from '../entity/mapped-item-link.js';
import { localValue, slotValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { Draft, PlannedOperation, WriteKind } from './planned-operation.js';

export type { PlannedOperation } from './planned-operation.js';

/**
 * Turns the pending changes into the operations of one commit. Compaction comes from where
 * changes live: each attribute holds only its last local value, a created entity sends all its
 * values in its `create` (later changes folded in), a created-then-deleted entity was discarded
 * at once. Order: writes by dependency (an entity is created before any operation that refers to
 * it; a cycle is broken by sending the closing reference as a later `update`), then deletes
 * (an entity before the entities it refers to).
 *
 * With `inFlight` (a commit being sent), plans what is left once that commit succeeds: values
 * equal to what it sent are left out, and an entity whose create it sent gets an `update`.
 *
 * @example planCommit(uow).map((p) => p.operation.action) // ['create', 'create', 'update', 'delete']
 */
export function planCommit(uow: UnitOfWork, inFlight?: CommitSnapshot): PlannedOperation[] {
  const drafts: Draft[] = [];
  const deleted: BaseEntity[] = [];
  for (const entity of uow.tracked) {
    const state = entity[STATE];
    if (state === 'deleted') {
      if (inFlight?.sentDelete(entity) !== true) deleted.push(entity);
    } else if (state === 'created' && inFlight?.sentCreate(entity) !== true) {
      drafts.push(draft(uow, entity, uow.upserts.has(entity) ? 'upsert' : 'create'));
    } else if (state === 'created' || state === 'modified') {
      const update = draft(uow, entity, 'update');
      if (inFlight !== undefined) update.attributes = update.attributes.filter((a) => !inFlight.sentValue(entity, a, localValue(entity, a)));
      drafts.push(update);
    }
  }
  const partner = (d: Draft, attribute: AttributeRuntime) => (attribute.kind === 'reference' ? partnerOf(uow.schema, d.entity, attribute) : undefined);
  const writes = commitOrder(drafts, (d) => dependencies(uow, d), partner).filter((d) => d.kind === 'create' || d.attributes.length > 0);
  return [...writes.map((d) => writeOperation(uow, d)), ...deleteOrder(deleted).map(deleteOperation)];
}

function draft(uow: UnitOfWork, entity: BaseEntity, kind: WriteKind): Draft {
  let attributes = entity[RUNTIME].attributes.filter((a) => localValue(entity, a) !== NOT_SET);
  if (kind === 'update') attributes = attributes.filter((a) => !a.model.isPrimaryKey || entity[STATE] !== 'created');
  if (kind === 'upsert') {
    const owner = uow.mappedOwners.get(entity);
    const link = owner && mappedItemLink(uow.schema, owner.owner.$type, owner.attribute.name);
    attributes = attributes.filter((a) => !a.model.isPrimaryKey && a.name !== link?.keyAttribute);
  }
  return { kind, entity, attributes };
}

/** Created entities a draft must follow: those its values refer to, and a new mapped item's owner. */
function dependencies(uow: UnitOfWork, draft: Draft): BaseEntity[] {
  const out: BaseEntity[] = [];
  for (const attribute of draft.attributes) out.push(...referencedEntities(localValue(draft.entity, attribute)));
  const owner = uow.mappedOwners.get(draft.entity)?.owner;
  if (owner !== undefined) out.push(owner);
  return out.filter((entity) => entity !== draft.entity && entity[STATE] === 'created' && !uow.upserts.has(entity));
}

/** The operation of a draft; a foreign key travels with its (agreeing) reference, not in `entity_data`. */
function writeOperation(uow: UnitOfWork, draft: Draft): PlannedOperation {
  const { entity } = draft;
  const data: Record<string, unknown> = { __entity_type__: entity.$type };
  const values = draft.attributes.map((attribute) => localValue(entity, attribute));
  const companions = companionForeignKeys(uow.schema, entity, draft.attributes);
  draft.attributes.forEach((attribute, i) => {
    if (!companions.has(attribute)) setOwn(data, attribute.name, encodeValue(values[i]));
  });
  const key = primaryKeyOf(entity);
  const operation: CreateOperation | UpdateOperation =
    draft.kind === 'create'
      ? { action: 'create', entity_type: entity.$type, ...(key.includes(null) ? {} : { entity_key: key as string[] }), entity_data: data }
      : { action: 'update', entity_type: entity.$type, entity_key: key.map((v) => v ?? ''), entity_data: data };
  return { kind: draft.kind, operation, entity, attributes: draft.attributes, values };
}

function deleteOperation(entity: BaseEntity): PlannedOperation {
  const key = primaryKeyOf(entity).map((v) => v ?? '');
  return { kind: 'delete', operation: { action: 'delete', entity_type: entity.$type, entity_key: key }, entity, attributes: [], values: [] };
}

/** Primary-key values as strings (null where unknown). */
export function primaryKeyOf(entity: BaseEntity): (string | null)[] {
  return entity[RUNTIME].primaryKey.map((attribute) => {
    const value = slotValue(entity, attribute);
    return value === NOT_SET || value === null ? null : String(value);
  });
}
