import { ArgumentError, DuplicateItemInCollectionError, ImmutableAttributeError, InvalidStateError } from '../errors.js';
import { dayjs, isDateLike, parseIsoToUtc } from '../protocol/datetime.js';
import { entityLabel, isEntity, type BaseEntity } from './base-entity.js';
import { NOT_SET, RUNTIME, STATE } from './entity-internals.js';
import { hasLocalValues, remoteValue, setLocalValue, slotValue } from './slots.js';
import type { AttributeRuntime } from './type-runtime.js';

/**
 * Records `value` as the local value of `attribute` (the property setter of every entity).
 * Immutable attributes of persisted entities throw `ImmutableAttributeError`; assigning the
 * remote value back clears the local value (not while a commit carrying the attribute is in
 * flight); the state follows (`unchanged` ↔ `modified`).
 * Assigning `NOT_SET` (or `undefined`) clears the local value.
 */
export function assignAttribute(entity: BaseEntity, attribute: AttributeRuntime, value: unknown): void {
  const state = entity[STATE];
  if (state === 'deleted') {
    throw new InvalidStateError(`${entityLabel(entity)} is deleted; it cannot be changed.`, { cause: { attribute: attribute.name } });
  }
  if (attribute.model.immutable && state !== 'created') throw new ImmutableAttributeError(entity.$type, attribute.name);
  const next = value === NOT_SET || value === undefined ? NOT_SET : normalise(entity, attribute, value);
  const context = entity[RUNTIME].context;
  const previous = slotValue(entity, attribute);
  if (attribute.kind === 'collection' && next !== NOT_SET && context.relinkCollection !== undefined) {
    const before = previous === NOT_SET || previous === null ? [] : (previous as readonly BaseEntity[]);
    if (context.relinkCollection(entity, attribute, before, next as readonly BaseEntity[])) return;
  }
  const remote = remoteValue(entity, attribute);
  // While a commit carrying this attribute is in flight the remote value is about to change (or
  // not): a value equal to it is kept as a change until the answer settles it.
  const inFlight = context.attributeInFlight?.(entity, attribute) === true;
  const unchanged = next === NOT_SET || (state !== 'created' && !inFlight && remote !== NOT_SET && sameValue(remote, next));
  setLocalValue(entity, attribute, unchanged ? NOT_SET : next);
  refreshState(entity);
  context.afterChange(entity, attribute, previous);
}

/** `unchanged` ↔ `modified` from whether any local value remains; other states are kept. */
export function refreshState(entity: BaseEntity): void {
  const state = entity[STATE];
  if (state !== 'unchanged' && state !== 'modified') return;
  entity[STATE] = hasLocalValues(entity) ? 'modified' : 'unchanged';
}

/** Equality used for dirty tracking: identity for entities, instants for dates, members for lists. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (dayjs.isDayjs(a) && dayjs.isDayjs(b)) return a.valueOf() === b.valueOf();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => (isEntity(item) ? b.includes(item) : sameValue(item, b[i])));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !isEntity(a) && !isEntity(b)) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

function normalise(entity: BaseEntity, attribute: AttributeRuntime, value: unknown): unknown {
  const where = `${entity.$type}.${attribute.name}`;
  switch (attribute.kind) {
    case 'scalar':
      // A variable list (enumerator value) is copied so later changes to the caller's array go unseen.
      if (attribute.model.kind === 'scalar' && attribute.model.type === 'variable' && Array.isArray(value)) return [...(value as unknown[])];
      if (!attribute.isDateTime || value === null) return value;
      if (isDateLike(value)) {
        const date = dayjs.isDayjs(value) ? value.utc() : dayjs.utc(value);
        if (!date.isValid()) throw new ArgumentError(`${where} got an invalid date.`, { cause: { value } });
        return date;
      }
      if (typeof value === 'string') {
        const parsed = parseIsoToUtc(value);
        if (parsed === undefined) throw new ArgumentError(`${where} expects a date; "${value}" is not ISO 8601.`, { cause: { value } });
        return parsed;
      }
      throw new ArgumentError(`${where} expects a dayjs, Date or ISO string, got ${typeof value}.`, { cause: { value } });
    case 'reference':
      if (value === null) return null;
      return toSessionEntity(entity, attribute, value);
    case 'collection':
    case 'mapped': {
      if (value === null || typeof value !== 'object' || !(Symbol.iterator in value)) {
        throw new ArgumentError(`${where} expects a list of entities.`, { cause: { value } });
      }
      const items: BaseEntity[] = [];
      for (const item of value as Iterable<unknown>) {
        const member = toSessionEntity(entity, attribute, item);
        if (items.includes(member)) {
          throw new DuplicateItemInCollectionError(`${entityLabel(member)} appears twice in ${where}.`, { cause: { attribute: attribute.name } });
        }
        items.push(member);
      }
      return items;
    }
  }
}

/**
 * The entity of `owner`'s session that `value` stands for: an entity (or query row) as is, a
 * reference input (`{ $type, id }`) through the session's `resolveReference` hook. Anything else,
 * or an entity of another session, throws `ArgumentError`.
 */
export function toSessionEntity(owner: BaseEntity, attribute: AttributeRuntime, value: unknown): BaseEntity {
  const context = owner[RUNTIME].context;
  const resolved = isEntity(value) ? value : context.resolveReference?.(value);
  if (resolved === undefined) {
    throw new ArgumentError(`${owner.$type}.${attribute.name} expects an entity from this session, got ${describe(value)}.`, { cause: { value } });
  }
  if (resolved[RUNTIME].context !== context) {
    throw new ArgumentError(`${entityLabel(resolved)} belongs to another session; use session.get() to load it here.`, { cause: { attribute: attribute.name } });
  }
  return resolved;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
