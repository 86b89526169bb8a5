import type { BaseEntity } from './base-entity.js';
import { NOT_SET, STATE } from './entity-internals.js';
import { remoteValue, setRemoteValue } from './slots.js';
import type { AttributeRuntime } from './type-runtime.js';

interface Adjustment {
  readonly owner: BaseEntity;
  readonly attribute: AttributeRuntime;
  readonly item: BaseEntity;
  readonly added: boolean;
}

/**
 * In-memory membership changes of collections that answer a pending change elsewhere (the inverse
 * side of `seq.parent = project` is `project.children`, the owner side of a new metadata item is
 * `shot.metadata`). They change the remote list — never recorded, never sent — and are logged so
 * that `rollback()` can take them back. Lists that are not loaded are left alone.
 */
export class RemoteAdjustments {
  #entries: Adjustment[] = [];

  /** Adds `item` to `owner.attribute` when that list is loaded (or the owner is new). */
  add(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity): void {
    if (apply(owner, attribute, item, true)) this.#entries.push({ owner, attribute, item, added: true });
  }

  /** Adds `item` where it already belongs on the server (a loaded list that missed it): not undone by rollback. */
  catchUp(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity): void {
    apply(owner, attribute, item, true);
  }

  /** Removes `item` from `owner.attribute` when that list is loaded and holds it. */
  remove(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity): void {
    if (apply(owner, attribute, item, false)) this.#entries.push({ owner, attribute, item, added: false });
  }

  /** Takes every logged change back, newest first. */
  undo(): void {
    for (const entry of this.#entries.reverse()) apply(entry.owner, entry.attribute, entry.item, !entry.added);
    this.#entries = [];
  }

  /** Forgets the log (after a commit the changes are what the server holds). */
  clear(): void {
    this.#entries = [];
  }
}

function apply(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity, add: boolean): boolean {
  const current = remoteValue(owner, attribute);
  if (current === NOT_SET && owner[STATE] !== 'created') return false;
  const items = current === NOT_SET || current === null ? [] : (current as readonly BaseEntity[]);
  if (items.includes(item) === add) return false;
  setRemoteValue(owner, attribute, add ? [...items, item] : items.filter((member) => member !== item));
  return true;
}
