import { InvalidStateError } from '../errors.js';
import { assignAttribute } from '../entity/assign-attribute.js';
import { entityLabel, type BaseEntity } from '../entity/base-entity.js';
import { collectionItems } from '../entity/collection-view.js';
import { createEntity } from '../identity/create-entity.js';
import { RUNTIME, STATE } from '../entity/entity-internals.js';
import { mappedItemLink } from '../entity/mapped-item-link.js';
import { slotValue, setLocalValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * A new key in a mapped array. Keyed items (`Metadata`, key in the primary key) are created;
 * configured items (custom attribute values, keyed by configuration + owner) are upserted: the
 * commit finds the configuration by key and sends `update` with `[configuration_id, entity_id]`.
 *
 * @example shot.metadata.set('frame_rate', '24')
 * // {"action": "create", "entity_type": "Metadata", "entity_data": {"parent_id": "…", "parent_type": "Shot", "key": "frame_rate", "value": "24"}}
 */
export function addMappedItem(uow: UnitOfWork, owner: BaseEntity, attribute: AttributeRuntime, key: string, value: unknown): void {
  const link = mappedItemLink(uow.schema, owner.$type, attribute.name);
  if (link === undefined) {
    throw new InvalidStateError(
      `Cannot add the key "${key}" to ${entityLabel(owner)}.${attribute.name}: the schema does not say how ${attribute.target} items belong to ${owner.$type}.`,
      { cause: { attribute: attribute.name, key } },
    );
  }
  const ownerKey = owner.$primaryKey()[0]!;
  if (link.kind === 'keyed') {
    const keyValues = uow.identity.runtime(link.itemType).primaryKey.map((a) => (a.name === link.backLink ? ownerKey : key));
    const revived = revive(uow, link.itemType, keyValues);
    const item =
      revived ??
      createEntity(uow.identity, uow, link.itemType, {
        [link.backLink]: ownerKey,
        [link.keyAttribute]: key,
        ...(link.typeColumn === undefined ? {} : { [link.typeColumn]: owner.$type }),
      });
    assignAttribute(item, item[RUNTIME].byName.get(link.valueAttribute)!, value);
    if (revived === undefined) uow.mappedOwners.set(item, { owner, attribute });
    uow.adjustments.add(owner, attribute, item);
    return;
  }
  const runtime = uow.identity.runtime(link.itemType);
  const item = new runtime.Class();
  item[STATE] = 'created';
  setLocalValue(item, runtime.byName.get(link.backLink)!, ownerKey);
  setLocalValue(item, runtime.byName.get(link.keyAttribute)!, key);
  uow.track(item);
  uow.upserts.add(item);
  uow.mappedOwners.set(item, { owner, attribute });
  assignAttribute(item, runtime.byName.get(link.valueAttribute)!, value);
  uow.adjustments.add(owner, attribute, item);
}

/** Removes a key: the item is deleted (a new one is simply dropped). */
export function removeMappedItem(uow: UnitOfWork, owner: BaseEntity, attribute: AttributeRuntime, key: string): boolean {
  const keyAttribute = attribute.model.kind === 'mapped' ? attribute.model.keyAttribute : undefined;
  const item = collectionItems(owner, attribute).find((member) => {
    const slot = keyAttribute === undefined ? undefined : member[RUNTIME].byName.get(keyAttribute);
    return slot !== undefined && slotValue(member, slot) === key;
  });
  if (item === undefined) return false;
  const wasCreated = item[STATE] === 'created';
  uow.delete(item);
  if (!wasCreated) uow.adjustments.remove(owner, attribute, item);
  return true;
}

/** A persisted item with this key whose delete is pending comes back instead of a duplicate. */
function revive(uow: UnitOfWork, itemType: string, keyValues: string[]): BaseEntity | undefined {
  const existing = uow.identity.find(itemType, keyValues);
  if (existing === undefined || existing[STATE] !== 'deleted') return undefined;
  existing[STATE] = 'unchanged';
  return existing;
}
