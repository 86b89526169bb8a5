import { isEntity, type BaseEntity } from '../entity/base-entity.js';
import type { Draft } from './planned-operation.js';
import { NOT_SET, RUNTIME, STATE } from '../entity/entity-internals.js';
import { localValue, remoteValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';

/**
 * Orders writes so that every entity is created before any write that refers to it, keeping the
 * order the changes were made in otherwise (depth-first topological sort). When creates refer to
 * each other in a cycle, the reference that closes the cycle is moved into an `update` sent after
 * all writes.
 */
export function commitOrder(
  drafts: readonly Draft[],
  dependencies: (draft: Draft) => BaseEntity[],
  partner: (draft: Draft, attribute: AttributeRuntime) => AttributeRuntime | undefined = () => undefined,
): Draft[] {
  const createOf = new Map<BaseEntity, Draft>();
  for (const draft of drafts) if (draft.kind === 'create') createOf.set(draft.entity, draft);
  const state = new Map<Draft, 'visiting' | 'done'>();
  const out: Draft[] = [];
  const deferred: Draft[] = [];
  const visit = (draft: Draft): void => {
    state.set(draft, 'visiting');
    for (const entity of dependencies(draft)) {
      const needed = createOf.get(entity);
      if (needed === undefined || state.get(needed) === 'done') continue;
      if (state.get(needed) === 'visiting') deferred.push(splitOff(draft, entity, partner));
      else visit(needed);
    }
    state.set(draft, 'done');
    out.push(draft);
  };
  for (const draft of drafts) if (!state.has(draft)) visit(draft);
  return [...out, ...deferred.filter((d) => d.attributes.length > 0)];
}

/** Moves the attributes of `draft` that refer to `target` (with their foreign keys) into a new update draft. */
function splitOff(draft: Draft, target: BaseEntity, partner: (draft: Draft, attribute: AttributeRuntime) => AttributeRuntime | undefined): Draft {
  const refer = draft.attributes.filter((a) => referencedEntities(localValue(draft.entity, a)).includes(target));
  const keys = refer.map((a) => partner(draft, a)).filter((a): a is AttributeRuntime => a !== undefined && draft.attributes.includes(a));
  const moved = [...refer, ...keys];
  draft.attributes = draft.attributes.filter((a) => !moved.includes(a));
  return { kind: 'update', entity: draft.entity, attributes: moved };
}

/** Orders deletes: an entity before the deleted entities it refers to or that list it (children first). */
export function deleteOrder(deleted: readonly BaseEntity[]): BaseEntity[] {
  const set = new Set(deleted);
  const before = new Map<BaseEntity, BaseEntity[]>();
  const link = (first: BaseEntity, then: BaseEntity) => {
    if (first === then || !set.has(first) || !set.has(then)) return;
    before.set(then, [...(before.get(then) ?? []), first]);
  };
  for (const entity of deleted) {
    for (const attribute of entity[RUNTIME].attributes) {
      const value = remoteValue(entity, attribute);
      if (value === NOT_SET) continue;
      for (const other of referencedEntities(value)) {
        if (attribute.kind === 'reference') link(entity, other);
        else link(other, entity);
      }
    }
  }
  const done = new Set<BaseEntity>();
  const out: BaseEntity[] = [];
  const visit = (entity: BaseEntity): void => {
    if (done.has(entity)) return;
    done.add(entity);
    for (const first of before.get(entity) ?? []) visit(first);
    out.push(entity);
  };
  for (const entity of deleted) if (entity[STATE] === 'deleted') visit(entity);
  return out;
}

/** Entities a value refers to (a reference, or the members of a list). */
export function referencedEntities(value: unknown): BaseEntity[] {
  if (isEntity(value)) return [value];
  return Array.isArray(value) ? value.filter(isEntity) : [];
}
