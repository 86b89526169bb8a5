import { randomUuid } from './random-uuid.js';
import { ArgumentError, InvalidStateError } from '../errors.js';
import { hasOwn } from '../protocol/own-record.js';
import { assignAttribute } from '../entity/assign-attribute.js';
import { entityLabel, type BaseEntity } from '../entity/base-entity.js';
import { NOT_SET, STATE } from '../entity/entity-internals.js';
import type { IdentityMap } from './identity-map.js';
import { setLocalValue, slotValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';

/** What `createEntity` needs from the unit of work. */
export interface CreateTracker {
  track(entity: BaseEntity): void;
  /** Forgets a created entity again (its creation failed). */
  discard(entity: BaseEntity): void;
  /** Keeps a problem of the input for the commit's validation. */
  reportInput(entity: BaseEntity, attribute: string, message: string): void;
  /** While true, assignments do not update the other side of a reference / foreign-key pair. */
  syncPaused?: boolean;
  /** The other side of a reference / foreign-key pair. */
  partnerOf?(entity: BaseEntity, attribute: AttributeRuntime): AttributeRuntime | undefined;
  /** Makes the other side of the pair agree with `attribute`. */
  syncPartner?(entity: BaseEntity, attribute: AttributeRuntime): void;
}

/**
 * Builds a new entity (state `created`) in the identity map: schema defaults first (`{uid}` → a
 * fresh UUID, literal defaults such as a subtype's `object_type_id`), then `data` — scalars before
 * relations, so the identity is known when references point back. A reference given without its
 * foreign key sets it (and the other way round); both given are kept as given, and the commit's
 * validation refuses them when they contradict. Keys the schema does not know are kept as problems
 * for the commit's validation.
 *
 * @example createEntity(identity, uow, 'Sequence', { name: 'sq030' })
 * // later: {"action": "create", "entity_type": "Sequence", "entity_data": {"id": "<uuid>", "name": "sq030", "object_type_id": "…", …}}
 */
export function createEntity(identity: IdentityMap, tracker: CreateTracker, type: string, data: unknown): BaseEntity {
  const runtime = identity.runtime(type);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ArgumentError(`session.create('${type}', data) needs an object of attribute values, e.g. { name: 'sq010' }.`, { cause: { data } });
  }
  const values = data as Record<string, unknown>;
  const entity = new runtime.Class();
  entity[STATE] = 'created';
  for (const attribute of runtime.attributes) {
    const model = attribute.model;
    if ((hasOwn(values, attribute.name) && values[attribute.name] !== undefined) || !model.hasDefault || model.computed || attribute.kind !== 'scalar') continue;
    const value = model.default === '{uid}' ? randomUuid() : model.default;
    if (value !== null && value !== undefined) setLocalValue(entity, attribute, value);
  }
  tracker.track(entity);
  // A reference and its foreign key given together are both kept as given (the commit's
  // validation reports them if they contradict); one given alone sets the other.
  const paused = tracker.syncPaused;
  if (tracker.syncPaused !== undefined) tracker.syncPaused = true;
  const given: AttributeRuntime[] = [];
  try {
    const relations: [AttributeRuntime, unknown][] = [];
    for (const [name, value] of Object.entries(values)) {
      const attribute = runtime.byName.get(name);
      if (attribute === undefined) tracker.reportInput(entity, name, `${type} has no attribute "${name}".`);
      else if (value !== undefined && attribute.kind === 'scalar') assignAttribute(entity, attribute, value);
      else if (value !== undefined) relations.push([attribute, value]);
      if (attribute !== undefined && value !== undefined) given.push(attribute);
    }
    register(identity, entity);
    for (const [attribute, value] of relations) assignAttribute(entity, attribute, value);
    if (tracker.syncPaused !== undefined) tracker.syncPaused = paused ?? false;
    for (const attribute of given) {
      const partner = tracker.partnerOf?.(entity, attribute);
      if (partner !== undefined && !given.includes(partner)) tracker.syncPartner?.(entity, attribute);
    }
  } catch (error) {
    if (tracker.syncPaused !== undefined) tracker.syncPaused = paused ?? false;
    tracker.discard(entity);
    throw error;
  }
  return entity;
}

/** Adds a new entity to the identity map under its primary key (when every part is known). */
export function register(identity: IdentityMap, entity: BaseEntity): void {
  const runtime = identity.runtime(entity.$type);
  const values = runtime.primaryKey.map((attribute) => slotValue(entity, attribute));
  if (values.some((value) => value === NOT_SET || value === null)) return;
  const keyValues = values.map(String);
  const existing = identity.find(entity.$type, keyValues);
  if (existing !== undefined && existing !== entity) {
    throw new InvalidStateError(`${entityLabel(existing)} already exists in this session; use that object instead of creating it again.`, {
      cause: { entityType: entity.$type, primaryKey: keyValues },
    });
  }
  identity.add(entity, runtime.keyOfValues(keyValues));
}
