import type { BaseEntity } from '../entity/base-entity.js';
import { REMOTE, RUNTIME, STATE } from '../entity/entity-internals.js';
import type { IdentityMap } from './identity-map.js';
import { identityKeyOf, type Lease } from './transient-entities.js';

/**
 * Runs `load` (a lazy load of `entities`) so that its answer reaches these very objects. An
 * entity that has left the identity map (its bounded read's page ended) is put back for the
 * load, held by a lease released when the load ends; transient entities stay in the map until
 * then. When the map holds a newer object for the row (a later read), the answer merges into that
 * one and its remote values are then copied to the requested object: both stay usable, distinct.
 *
 * @example await kept.$get('parent') // select parent.id, … from Task where id is "…" — into `kept`
 */
export async function loadInPlace(identity: IdentityMap, entities: readonly BaseEntity[], load: () => Promise<void>): Promise<void> {
  const transient = identity.transient;
  let lease: Lease | undefined;
  const pinned: BaseEntity[] = [];
  let replaced: [BaseEntity, BaseEntity][] | undefined;
  for (const entity of entities) {
    if (entity[STATE] === 'created' || entity[STATE] === 'deleted') continue;
    const key = identityKeyOf(entity);
    if (key === undefined) continue;
    const partition = entity[RUNTIME].entities;
    const current = partition.get(key);
    if (current === undefined) {
      partition.set(key, entity);
      transient.hold(entity, (lease ??= transient.lease()));
      transient.pin(entity);
      pinned.push(entity);
      continue;
    }
    if (transient.holderOf(current) !== undefined) {
      transient.pin(current);
      pinned.push(current);
    }
    if (current !== entity) (replaced ??= []).push([entity, current]);
  }
  if (pinned.length === 0 && replaced === undefined) return load();
  try {
    await load();
    if (replaced !== undefined) for (const [entity, current] of replaced) copyRemote(current, entity);
  } finally {
    for (const entity of pinned) transient.unpin(entity);
    if (lease !== undefined) lease.release();
    else transient.sweep(); // what the answer added under leases released meanwhile
  }
}

/** Copies every remote value `from` holds into `to` (same type; local values untouched). */
function copyRemote(from: BaseEntity, to: BaseEntity): void {
  const source = from[REMOTE];
  const target = to[REMOTE];
  for (let i = 0; i < source.length; i++) if (source[i] !== undefined) target[i] = source[i];
}
