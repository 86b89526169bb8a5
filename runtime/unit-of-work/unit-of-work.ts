import type { CustomAttributeMetadata } from '../contract/custom-attributes.js';
import { ArgumentError, InvalidStateError } from '../errors.js';
import type { SchemaModel } from '../schema/model.js';
import { abortError } from '../transport/abort.js';
import { assignAttribute, refreshState } from '../entity/assign-attribute.js';
import { entityLabel, isEntity, type BaseEntity } from '../entity/base-entity.js';
import type { CommitSnapshot } from './commit-snapshot.js';
import { register, type CreateTracker } from '../identity/create-entity.js';
import { NOT_SET, RUNTIME, STATE } from '../entity/entity-internals.js';
import { foreignKeyLink, type ForeignKeyLink } from '../entity/foreign-key-link.js';
import { foreignKeyValue, keyOfTarget, partnerOf, sameKey } from '../entity/foreign-key-sync.js';
import type { IdentityMap } from '../identity/identity-map.js';
import { resolveReference } from '../identity/reference-input.js';
import { collectionInverse, referenceInverses } from '../entity/relation-inverse.js';
import { RemoteAdjustments } from './remote-adjustments.js';
import { clearLocalValues, hasLocalValues, localValue, remoteValue, slotValue } from '../entity/slots.js';
import type { AttributeRuntime } from '../entity/type-runtime.js';

/** An owner's mapped-array slot that a new item was added to. */
export interface MappedOwner {
  readonly owner: BaseEntity;
  readonly attribute: AttributeRuntime;
}

/**
 * The session's pending changes. The entities' own slots hold the changes (local values, state);
 * the unit of work remembers which entities to look at, in the order they were first touched,
 * keeps the inverse sides of relations and each reference with its foreign key consistent in
 * memory, runs one commit at a time, and remembers what a commit in flight sent and which
 * entities a commit of unknown outcome was about.
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
  /** What the commit in flight sent (undefined when none is). */
  inFlight: CommitSnapshot | undefined;
  /** Entities a commit of unknown outcome was about: the next commit asks the server about them first. */
  readonly outcomeUnknown = new Set<BaseEntity>();
  /** Generated custom attribute configurations: new custom attribute keys are resolved without a request. */
  customAttributes: CustomAttributeMetadata | undefined;
  /** While true, changes do not update the other side of a reference / foreign-key pair (`create()` input). */
  syncPaused = false;
  #syncing = false;
  /** The end of the last commit queued (commits run one at a time). */
  #tail: Promise<void> = Promise.resolve();
  /** Work the running commit leaves behind (an abandoned request); the next commit waits for it. */
  #linger: Promise<unknown> | undefined;

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

  /**
   * Records a changed attribute, updates the other side of a reference / foreign-key pair, and
   * mirrors a changed reference on the loaded inverse collections.
   */
  afterChange(entity: BaseEntity, attribute: AttributeRuntime, previous: unknown): void {
    this.tracked.add(entity);
    if (attribute.model.isPrimaryKey && entity[STATE] === 'created' && !this.upserts.has(entity)) {
      this.identity.remove(entity);
      register(this.identity, entity);
    }
    if (attribute.kind === 'scalar' || attribute.kind === 'reference') this.syncPartner(entity, attribute);
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

  /**
   * Marks an entity deleted; a created one is discarded at once (nothing will be sent for it),
   * unless its create is in flight or of unknown outcome: then the server may hold it, so it is
   * marked deleted and the delete is sent (or, after reconciling, found unnecessary).
   */
  delete(entity: BaseEntity): void {
    if (entity[STATE] === 'deleted') return;
    if (entity[STATE] === 'created' && !this.mayExist(entity)) return this.discard(entity);
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

  /** True when a created entity may exist on the server: its create is in flight or of unknown outcome. */
  mayExist(entity: BaseEntity): boolean {
    return this.inFlight?.sentCreate(entity) === true || (entity[STATE] === 'created' && this.outcomeUnknown.has(entity));
  }

  /** A created entity is now known to exist on the server: it becomes `modified` or `unchanged`. */
  confirmCreated(entity: BaseEntity): void {
    if (entity[STATE] !== 'created') return;
    entity[STATE] = hasLocalValues(entity) ? 'modified' : 'unchanged';
    this.mappedOwners.delete(entity);
    this.upserts.delete(entity);
    this.inputProblems.delete(entity);
  }

  /** A deleted entity is now known to be gone from the server: it leaves the identity map. */
  confirmDeleted(entity: BaseEntity): void {
    this.identity.remove(entity);
    this.#forget(entity);
  }

  /** Forgets an entity that has nothing pending any more (`unchanged`). */
  settled(entity: BaseEntity): void {
    refreshState(entity);
    if (entity[STATE] === 'unchanged') this.#forget(entity);
  }

  /**
   * Runs `commit` after every commit queued before it (one commit at a time per session). An
   * abort while waiting rejects with `RequestAbortedError` and the commit never runs.
   */
  async exclusive<T>(commit: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    let started = false;
    try {
      await waitTurn(previous, signal);
      started = true;
      return await commit();
    } finally {
      const linger = started ? this.#linger : undefined;
      if (started) this.#linger = undefined;
      // `release` is set once `previous` settled; queue the release behind it either way.
      void previous.then(() => (linger === undefined ? release() : linger.then(release, release)));
    }
  }

  /** Keeps the next commit waiting until `work` settles (a request abandoned by an aborted commit). */
  linger(work: Promise<unknown>): void {
    this.#linger = work;
  }

  /** Discards every pending change: remote values come back, created entities leave the session. */
  rollback(): void {
    if (this.inFlight !== undefined) {
      throw new InvalidStateError('A commit is in flight; await it before rollback() (its changes may already be on the server).', {
        cause: { inFlight: true },
      });
    }
    this.outcomeUnknown.clear();
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

  /**
   * Makes the other side of a reference / foreign-key pair agree with `attribute` (see
   * `foreign-key-link.ts`): `seq.parent = bunny` sets `parent_id` to bunny's id, `seq.parent_id = id`
   * sets `parent` to that entity (a cached one, or a stub of a concrete type; when the id names an
   * entity of an abstract type the session does not hold, the reference is unknown until the
   * commit's answer). Assigning one side back to its remote value takes the other back too.
   */
  syncPartner(entity: BaseEntity, attribute: AttributeRuntime): void {
    if (this.#syncing || this.syncPaused) return;
    const link = foreignKeyLink(this.schema, entity.$type, attribute.name);
    if (link === undefined) return;
    const isReference = link.reference === attribute.name;
    const partner = entity[RUNTIME].byName.get(isReference ? link.foreignKey : link.reference);
    if (partner === undefined) return;
    if (entity[STATE] !== 'created' && (partner.model.immutable || partner.model.computed)) return;
    this.#syncing = true;
    try {
      if (isReference) this.#syncForeignKey(entity, attribute, partner, link);
      else this.#syncReference(entity, attribute, partner, link);
    } finally {
      this.#syncing = false;
    }
  }

  /** The other side of a reference / foreign-key pair (`parent` ↔ `parent_id`), if any. */
  partnerOf(entity: BaseEntity, attribute: AttributeRuntime): AttributeRuntime | undefined {
    return partnerOf(this.schema, entity, attribute);
  }

  #syncForeignKey(entity: BaseEntity, reference: AttributeRuntime, foreignKey: AttributeRuntime, link: ForeignKeyLink): void {
    const key = keyOfTarget(slotValue(entity, reference), link);
    if (key === NOT_SET) return;
    if (localValue(entity, reference) === NOT_SET) {
      const remote = remoteValue(entity, foreignKey);
      if (remote === NOT_SET || sameKey(remote, key)) return assignAttribute(entity, foreignKey, NOT_SET);
    }
    if (localValue(entity, foreignKey) !== NOT_SET || !sameKey(slotValue(entity, foreignKey), key)) {
      assignAttribute(entity, foreignKey, foreignKeyValue(foreignKey, key));
    }
  }

  #syncReference(entity: BaseEntity, foreignKey: AttributeRuntime, reference: AttributeRuntime, link: ForeignKeyLink): void {
    const key = slotValue(entity, foreignKey);
    if (key === NOT_SET) return;
    if (localValue(entity, foreignKey) === NOT_SET) {
      const remote = remoteValue(entity, reference);
      if (remote === NOT_SET || sameKey(keyOfTarget(remote, link), key)) return assignAttribute(entity, reference, NOT_SET);
    }
    const current = slotValue(entity, reference);
    if (current !== NOT_SET && sameKey(keyOfTarget(current, link), key)) return;
    if (key === null) return assignAttribute(entity, reference, null);
    const target = this.#targetOf(link, key);
    if (target !== undefined) return assignAttribute(entity, reference, target);
    // An entity of an abstract type the session does not hold: the reference is unknown until the
    // commit's answer (it reads as not loaded); rollback() brings the old value back.
    assignAttribute(entity, reference, NOT_SET);
    const old = remoteValue(entity, reference);
    if (isEntity(old)) this.#mirror(entity, reference, old, 'remove');
    this.adjustments.replace(entity, reference, NOT_SET);
  }

  /** The session entity a foreign-key value names, when it can be known without a request. */
  #targetOf(link: ForeignKeyLink, key: unknown): BaseEntity | undefined {
    if (!link.byPrimaryKey) return undefined;
    const cached = this.identity.find(link.target, [String(key)]);
    if (cached !== undefined) return cached;
    const model = this.schema.types.get(link.target);
    if (model === undefined || model.subtypes.length > 0) return undefined;
    return resolveReference(this.identity, { $type: link.target, [link.targetKey]: key });
  }

  #forget(entity: BaseEntity): void {
    this.outcomeUnknown.delete(entity);
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

/** Resolves when `previous` settles, or rejects with `RequestAbortedError` when `signal` aborts first. */
function waitTurn(previous: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return previous;
  if (signal.aborted) return Promise.reject(abortError(signal, 'commit()'));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal, 'commit()'));
    signal.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
