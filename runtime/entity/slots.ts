import type { BaseEntity } from './base-entity.js';
import { LOCAL, NOT_SET, REMOTE, RUNTIME } from './entity-internals.js';
import { epochToDayjs, naiveIsoToEpoch } from './fast-datetime.js';
import type { AttributeRuntime } from './type-runtime.js';

/*
 * Every attribute value lives in two slot arrays of its entity — remote (last known server
 * value) and local (unsaved) — at the attribute's slot index. The arrays are holey: a hole
 * (undefined) means NOT_SET, since JSON never yields undefined. Outside the decode loop and
 * the property accessors, read and write slots only through these functions; they speak
 * `NOT_SET`. A remote datetime slot holds what decoding validated — the naive wire string
 * `YYYY-MM-DDTHH:MM:SS` as received, or epoch milliseconds for other forms — until its first
 * read, when it is replaced by the UTC dayjs value.
 */

/** The remote (last known server) value, or `NOT_SET`. */
export function remoteValue(entity: BaseEntity, attribute: AttributeRuntime): unknown {
  const value = attribute.index < 0 ? undefined : entity[REMOTE][attribute.index];
  if (value === undefined) return NOT_SET;
  if (attribute.isDateTime && (typeof value === 'number' || typeof value === 'string')) return materialiseRemote(entity, attribute.index, value);
  return value;
}

/** The local (unsaved) value, or `NOT_SET`. */
export function localValue(entity: BaseEntity, attribute: AttributeRuntime): unknown {
  const local = entity[LOCAL];
  const value = local === null || attribute.index < 0 ? undefined : local[attribute.index];
  return value === undefined ? NOT_SET : value;
}

/** Local value when set, else remote value, else `NOT_SET`. */
export function slotValue(entity: BaseEntity, attribute: AttributeRuntime): unknown {
  const local = localValue(entity, attribute);
  return local === NOT_SET ? remoteValue(entity, attribute) : local;
}

/** Sets (or with `NOT_SET` clears) the remote value. */
export function setRemoteValue(entity: BaseEntity, attribute: AttributeRuntime, value: unknown): void {
  if (value === NOT_SET || value === undefined) {
    if (attribute.index >= 0) entity[REMOTE][attribute.index] = undefined;
    return;
  }
  entity[REMOTE][entity[RUNTIME].assignSlot(attribute)] = value;
}

/** Sets (or with `NOT_SET` clears) the local value. */
export function setLocalValue(entity: BaseEntity, attribute: AttributeRuntime, value: unknown): void {
  if (value === NOT_SET || value === undefined) {
    const local = entity[LOCAL];
    if (local !== null && attribute.index >= 0) local[attribute.index] = undefined;
    return;
  }
  const index = entity[RUNTIME].assignSlot(attribute);
  (entity[LOCAL] ??= [])[index] = value;
}

/** True when any attribute has a local value. */
export function hasLocalValues(entity: BaseEntity): boolean {
  const local = entity[LOCAL];
  return local !== null && local.some((value) => value !== undefined);
}

/** Drops every local value. */
export function clearLocalValues(entity: BaseEntity): void {
  entity[LOCAL] = null;
}

/** Replaces the decoded form kept in a remote datetime slot (see above) by its dayjs value. */
export function materialiseRemote(entity: BaseEntity, index: number, decoded: number | string): unknown {
  const value = epochToDayjs(typeof decoded === 'number' ? decoded : naiveIsoToEpoch(decoded));
  entity[REMOTE][index] = value;
  return value;
}
