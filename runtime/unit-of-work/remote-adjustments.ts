import type { BaseEntity } from '../entity/base-entity.js';
import { NOT_SET, STATE } from '../entity/entity-internals.js';
import { remoteValue, setRemoteValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';

type Adjustment =
  /** `item` was added to (`index` -1) or removed from (at `index`) the list `owner.attribute`. */
  | { readonly kind: 'member'; readonly owner: BaseEntity; readonly attribute: AttributeRuntime; readonly item: BaseEntity; readonly index: number }
  /** The remote value of `owner.attribute` was replaced; `before` is what it was. */
  | { readonly kind: 'value'; readonly owner: BaseEntity; readonly attribute: AttributeRuntime; readonly before: unknown };

/**
 * In-memory changes of remote values that answer a pending change elsewhere (the inverse side of
 * `seq.parent = project` is `project.children`, the owner side of a new metadata item is
 * `shot.metadata`; a reference whose foreign key now names an entity the session does not know).
 * They change remote values — never recorded, never sent — and are logged so that `rollback()`
 * can take them back exactly: a removed member goes back to its position, so a list's order is
 * restored as well as its members. Lists that are not loaded are left alone.
 */
export class RemoteAdjustments {
  #entries: Adjustment[] = [];

  /** Adds `item` to `owner.attribute` when that list is loaded (or the owner is new). */
  add(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity): void {
    if (apply(owner, attribute, item, true) >= 0) this.#entries.push({ kind: 'member', owner, attribute, item, index: -1 });
  }

  /** Adds `item` where it already belongs on the server (a loaded list that missed it): not undone by rollback. */
  catchUp(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity): void {
    apply(owner, attribute, item, true);
  }

  /** Removes `item` from `owner.attribute` when that list is loaded and holds it. */
  remove(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity): void {
    const index = apply(owner, attribute, item, false);
    if (index >= 0) this.#entries.push({ kind: 'member', owner, attribute, item, index });
  }

  /** Replaces the remote value of `owner.attribute` (`NOT_SET` forgets it), remembering the old one. */
  replace(owner: BaseEntity, attribute: AttributeRuntime, value: unknown): void {
    const before = remoteValue(owner, attribute);
    if (before === value) return;
    this.#entries.push({ kind: 'value', owner, attribute, before });
    setRemoteValue(owner, attribute, value);
  }

  /** Takes every logged change back, newest first. */
  undo(): void {
    for (const entry of this.#entries.reverse()) {
      if (entry.kind === 'value') setRemoteValue(entry.owner, entry.attribute, entry.before);
      else if (entry.index < 0) apply(entry.owner, entry.attribute, entry.item, false);
      else restore(entry.owner, entry.attribute, entry.item, entry.index);
    }
    this.#entries = [];
  }

  /** Forgets the log (after a commit the changes are what the server holds). */
  clear(): void {
    this.#entries = [];
  }

  /** A position in the log (`forgetBefore` takes it). */
  mark(): number {
    return this.#entries.length;
  }

  /** Forgets the entries logged before `mark`: the changes they answer were committed. */
  forgetBefore(mark: number): void {
    this.#entries = this.#entries.slice(Math.min(mark, this.#entries.length));
  }
}

function members(owner: BaseEntity, attribute: AttributeRuntime): readonly BaseEntity[] | undefined {
  const current = remoteValue(owner, attribute);
  if (current === NOT_SET && owner[STATE] !== 'created') return undefined;
  return current === NOT_SET || current === null ? [] : (current as readonly BaseEntity[]);
}

/** Adds or removes `item`; returns the position it was added at or removed from, or -1 when nothing changed. */
function apply(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity, add: boolean): number {
  const items = members(owner, attribute);
  if (items === undefined) return -1;
  const index = items.indexOf(item);
  if ((index >= 0) === add) return -1;
  setRemoteValue(owner, attribute, add ? [...items, item] : items.filter((member) => member !== item));
  return add ? items.length : index;
}

/** Puts a removed `item` back at `index` (or at the end when the list got shorter). */
function restore(owner: BaseEntity, attribute: AttributeRuntime, item: BaseEntity, index: number): void {
  const items = members(owner, attribute);
  if (items === undefined || items.includes(item)) return;
  const next = [...items];
  next.splice(Math.min(index, next.length), 0, item);
  setRemoteValue(owner, attribute, next);
}
