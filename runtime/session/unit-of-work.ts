import { ArgumentError } from '../errors.js';
import type { SchemaModel } from '../schema/model.js';
import { assignAttribute } from './assign-attribute.js';
import { entityLabel, isEntity, type BaseEntity } from './base-entity.js';
import { register, type CreateTracker } from './create-entity.js';
import { NOT_SET, RUNTIME, STATE } from './entity-internals.js';
import type { IdentityMap } from './identity-map.js';
import { collectionInverse, referenceInverses } from './relation-inverse.js';
import { RemoteAdjustments } from './remote-adjustments.js';
import { clearLocalValues, localValue, remoteValue, setRemoteValue, slotValue } from './slots.js';
import type { AttributeRuntime } from './type-runtime.js';

/** An owner's mapped-array slot that a new item was added to. */
export interface MappedOwner {
  readonly owner: BaseEntity;
  readonly attribute: AttributeRuntime;
}

/**
 * The session's pending changes. The entities' own slots hold the changes (local values, state);
 * the unit of work remembers which entities to look at, in the order they were first touched,
 * keeps the inverse sides of relations consistent in memory, and finalises or discards.
 */
export class UnitOfWork implements CreateTracker {
  /** Entities with pending changes (created, modified, deleted), in first-touch order. */
  readonly tracked = new Set<BaseEntity>();
  /** Problems of `create()` input (unknown attributes), reported by the commit's validation. */
  readonly inputProblems = new Map<BaseEntity, { attribute: string; message: string }[]>();
  /** New mapped-array items and the owner slot they were added to. */
  readonly mappedOwners = new Map<BaseEntity, MappedOwner>();
  /** New configured mapped items (custom attribute values): committed as upserts (`update`). */
  readonly upserts = new Set<BaseEntity>();
  readonly adjustments = new RemoteAdjustments();

  constructor(
    readonly schema: SchemaModel,
    readonly identity: IdentityMap,
  ) {}

  track(entity: BaseEntity): void {
    this.tracked.add(entity);
  }

  reportInput(entity: BaseEntity, attribute: string, message: string): void {
    const list = this.inputProblems.get(entity) ?? [];
    list.push({ attribute, message });
    this.inputProblems.set(entity, list);
  }

  /** Records a changed attribute and mirrors a changed reference on the loaded inverse collections. */
  afterChange(entity: BaseEntity, attribute: AttributeRuntime, previous: unknown): void {
    this.tracked.add(entity);
    if (attribute.model.isPrimaryKey && entity[STATE] === 'created' && !this.upserts.has(entity)) {
      this.identity.remove(entity);
      register(this.identity, entity);
    }
    if (attribute.kind !== 'reference') return;
    const current = slotValue(entity, attribute);
    if (current === previous) {
      if (isEntity(current) && current === remoteValue(entity, attribute)) this.#mirror(entity, attribute, current, 'catch-up');
      return;
    }
    if (isEntity(previous)) this.#mirror(entity, attribute, previous, 'remove');
    if (isEntity(current)) this.#mirror(entity, attribute, current, 'add');
  }

  /**
   * A collection answered by a reference on its items (`project.children` ↔ `child.parent`) is
   * changed through that reference, so both ways of writing it record the same change.
   * Returns false for collections without such a reference (they are sent whole).
   */
  relinkCollection(owner: BaseEntity, attribute: AttributeRuntime, previous: readonly BaseEntity[], next: readonly BaseEntity[]): boolean {
    const inverse = collectionInverse(this.schema, owner.$type, attribute.name);
    if (inverse === undefined) return false;
    const slot = (item: BaseEntity) => {
      const found = item[RUNTIME].byName.get(inverse);
      if (found === undefined) throw new ArgumentError(`${entityLabel(item)} cannot be in ${entityLabel(owner)}.${attribute.name}.`, { cause: { attribute: attribute.name } });
      return found;
    };
    for (const item of previous) if (!next.includes(item)) assignAttribute(item, slot(item), null);
    for (const item of next) if (!previous.includes(item)) assignAttribute(item, slot(item), owner);
    return true;
  }

  /** Marks an entity deleted; a created one is discarded at once (nothing will be sent for it). */
  delete(entity: BaseEntity): void {
    if (entity[STATE] === 'deleted') return;
    if (entity[STATE] === 'created') return this.discard(entity);
    entity[STATE] = 'deleted';
    this.tracked.add(entity);
    this.#leaveCollections(entity);
  }

  /** Forgets a created entity: out of the identity map and of every list it was added to. */
  discard(entity: BaseEntity): void {
    this.#leaveCollections(entity);
    this.identity.remove(entity);
    entity[STATE] = 'deleted';
    this.#forget(entity);
  }

  /** After a successful commit of all of `entity`'s operations: local values become remote. */
  finalise(entity: BaseEntity): void {
    if (entity[STATE] === 'deleted') {
      this.identity.remove(entity);
    } else {
      for (const attribute of entity[RUNTIME].attributes) {
        const local = localValue(entity, attribute);
        if (local !== NOT_SET) setRemoteValue(entity, attribute, local);
      }
      clearLocalValues(entity);
      entity[STATE] = 'unchanged';
    }
    this.#forget(entity);
  }

  /** Discards every pending change: remote values come back, created entities leave the session. */
  rollback(): void {
    this.adjustments.undo();
    for (const entity of this.tracked) {
      if (entity[STATE] === 'created') {
        this.identity.remove(entity);
        entity[STATE] = 'deleted';
      } else {
        clearLocalValues(entity);
        entity[STATE] = 'unchanged';
      }
    }
    this.tracked.clear();
    this.inputProblems.clear();
    this.mappedOwners.clear();
    this.upserts.clear();
  }

  /** True when nothing is pending. */
  get isEmpty(): boolean {
    return this.tracked.size === 0;
  }

  #forget(entity: BaseEntity): void {
    this.tracked.delete(entity);
    this.inputProblems.delete(entity);
    this.mappedOwners.delete(entity);
    this.upserts.delete(entity);
    if (this.tracked.size === 0) this.adjustments.clear();
  }

  #leaveCollections(entity: BaseEntity): void {
    for (const attribute of entity[RUNTIME].attributes) {
      if (attribute.kind !== 'reference') continue;
      const target = slotValue(entity, attribute);
      if (isEntity(target)) this.#mirror(entity, attribute, target, 'remove');
    }
    const mapped = this.mappedOwners.get(entity);
    if (mapped !== undefined) this.adjustments.remove(mapped.owner, mapped.attribute, entity);
  }

  #mirror(entity: BaseEntity, attribute: AttributeRuntime, target: BaseEntity, change: 'add' | 'remove' | 'catch-up'): void {
    for (const name of referenceInverses(this.schema, entity.$type, attribute.name, target.$type)) {
      this.adjustments[change === 'catch-up' ? 'catchUp' : change](target, target[RUNTIME].byName.get(name)!, entity);
    }
  }
}
