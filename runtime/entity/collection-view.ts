import { CollectionError, DuplicateItemInCollectionError } from '../errors.js';
import { assignAttribute, toSessionEntity } from './assign-attribute.js';
import { entityLabel, entityReference, isEntity, type BaseEntity } from './base-entity.js';
import { slotValue } from './slots.js';
import type { Collection } from '../contract/entity-types.js';
import { NOT_SET } from './entity-internals.js';
import type { AttributeRuntime } from './type-runtime.js';

/** Current members of a collection slot (local when changed, else remote; empty when unset). */
export function collectionItems(owner: BaseEntity, attribute: AttributeRuntime): readonly BaseEntity[] {
  const value = slotValue(owner, attribute);
  return value === NOT_SET || value === null ? [] : (value as readonly BaseEntity[]);
}

/**
 * The live view of a collection attribute (`project.children`). It reads the owner's slots, so
 * it stays current after re-queries; every mutation assigns a new member list as the owner's
 * local value (the whole collection is what a commit sends). Items may be given as entities,
 * query rows or reference inputs (`{ $type, id }`); they resolve to the session's entity first,
 * as the reference setter does, and are then compared by identity.
 *
 * @example project.children.append(sequence) // later: update Project {children: [refs…]}
 */
export class CollectionView<T extends BaseEntity = BaseEntity> implements Collection<T, unknown> {
  constructor(
    readonly owner: BaseEntity,
    readonly attribute: AttributeRuntime,
  ) {}

  get length(): number {
    return collectionItems(this.owner, this.attribute).length;
  }

  at(index: number): T | undefined {
    return collectionItems(this.owner, this.attribute).at(index) as T | undefined;
  }

  includes(item: unknown): boolean {
    // An entity is looked up as is (one of another session is simply absent).
    const entity = isEntity(item) ? item : this.#resolve(item);
    return collectionItems(this.owner, this.attribute).includes(entity);
  }

  append(item: unknown): void {
    const entity = this.#resolve(item);
    const items = collectionItems(this.owner, this.attribute);
    if (items.includes(entity)) {
      throw new DuplicateItemInCollectionError(
        `${entityLabel(entity)} is already in ${entityLabel(this.owner)}.${this.attribute.name}.`,
        { cause: { entityType: this.owner.$type, attribute: this.attribute.name } },
      );
    }
    assignAttribute(this.owner, this.attribute, [...items, entity]);
  }

  remove(item: unknown): void {
    const entity = this.#resolve(item);
    const items = collectionItems(this.owner, this.attribute);
    if (!items.includes(entity)) {
      throw new CollectionError(`${entityLabel(entity)} is not in ${entityLabel(this.owner)}.${this.attribute.name}.`, {
        cause: { entityType: this.owner.$type, attribute: this.attribute.name },
      });
    }
    assignAttribute(this.owner, this.attribute, items.filter((member) => member !== entity));
  }

  #resolve(item: unknown): BaseEntity {
    return toSessionEntity(this.owner, this.attribute, item);
  }

  toArray(): T[] {
    return [...collectionItems(this.owner, this.attribute)] as T[];
  }

  [Symbol.iterator](): Iterator<T> {
    return (collectionItems(this.owner, this.attribute) as readonly T[])[Symbol.iterator]();
  }

  toJSON(): unknown[] {
    return collectionItems(this.owner, this.attribute).map(entityReference);
  }
}
