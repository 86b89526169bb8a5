import type { BaseEntity } from '../entity/base-entity.js';
import { NOT_SET, RUNTIME, STATE } from '../entity/entity-internals.js';
import { slotValue } from '../entity/slots.js';

/**
 * What keeps transient entities in the identity map: one page of a bounded read
 * (`retain: 'none'`), or one lazy load of entities that had left the map. `release()` takes out
 * the entities it holds, except those with pending changes or a load still running for them.
 */
export class Lease {
  /** The entities this lease put in the map (each counts while the lease is still its holder). */
  readonly entities: BaseEntity[] = [];
  #released = false;

  constructor(readonly transient: TransientEntities) {}

  get released(): boolean {
    return this.#released;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.transient.release(this);
  }
}

/**
 * The identity map's transient entries: entities a bounded read (or a lazy load of an entity
 * that had left the map) put in the map, each with the lease that holds it. A read in the default
 * mode claims an entity (it then stays for the session's life). When its lease is released, an
 * entity leaves the map, unless it has pending changes or a load is running for it: then it
 * lingers and leaves at the next sweep (page end, `commit()`, `rollback()`) that finds it idle.
 * Nothing here holds an entity weakly: an entity out of the map lives exactly as long as
 * something else references it.
 */
export class TransientEntities {
  readonly #holder = new Map<BaseEntity, Lease>();
  readonly #pins = new Map<BaseEntity, number>();
  readonly #lingering = new Set<BaseEntity>();

  /** Number of transient entities in the map. */
  get size(): number {
    return this.#holder.size;
  }

  /** A new lease. */
  lease(): Lease {
    return new Lease(this);
  }

  /** The lease holding `entity`, or undefined when the map holds it for the session's life (or not at all). */
  holderOf(entity: BaseEntity): Lease | undefined {
    return this.#holder.size === 0 ? undefined : this.#holder.get(entity);
  }

  /** `entity` (just put in the map) is held by `lease`; a released lease lets it go at the next sweep. */
  hold(entity: BaseEntity, lease: Lease): void {
    this.#holder.set(entity, lease);
    if (lease.released) this.#lingering.add(entity);
    else lease.entities.push(entity);
  }

  /** A default-mode read returned `entity`: it stays in the map for the session's life. */
  claim(entity: BaseEntity): void {
    if (this.#holder.delete(entity)) this.#lingering.delete(entity);
  }

  /** Keeps `entity` in the map until `unpin` (a load for it is running). */
  pin(entity: BaseEntity): void {
    this.#pins.set(entity, (this.#pins.get(entity) ?? 0) + 1);
  }

  unpin(entity: BaseEntity): void {
    const count = (this.#pins.get(entity) ?? 1) - 1;
    if (count > 0) {
      this.#pins.set(entity, count);
      return;
    }
    this.#pins.delete(entity);
    if (this.#holder.get(entity)?.released === true) this.#settle(entity);
  }

  /** Takes the lease's entities out of the map (those it still holds), then sweeps. */
  release(lease: Lease): void {
    for (const entity of lease.entities) if (this.#holder.get(entity) === lease) this.#settle(entity);
    lease.entities.length = 0;
    this.sweep();
  }

  /** Takes out lingering entities that no longer have pending changes or a running load. */
  sweep(): void {
    for (const entity of this.#lingering) if (!this.#pins.has(entity) && entity[STATE] === 'unchanged') this.#drop(entity);
  }

  /** Forgets every transient entry (the identity map is cleared). */
  clear(): void {
    this.#holder.clear();
    this.#pins.clear();
    this.#lingering.clear();
  }

  #settle(entity: BaseEntity): void {
    if (this.#pins.has(entity) || entity[STATE] !== 'unchanged') this.#lingering.add(entity);
    else this.#drop(entity);
  }

  #drop(entity: BaseEntity): void {
    this.#holder.delete(entity);
    this.#lingering.delete(entity);
    const key = identityKeyOf(entity);
    const partition = entity[RUNTIME].entities;
    if (key !== undefined && partition.get(key) === entity) partition.delete(key);
  }
}

/** The identity-map key of `entity` from its primary-key values, or undefined when one is missing. */
export function identityKeyOf(entity: BaseEntity): string | undefined {
  const runtime = entity[RUNTIME];
  const values: string[] = [];
  for (const attribute of runtime.primaryKey) {
    const value = slotValue(entity, attribute);
    if (value === NOT_SET || value === null) return undefined;
    values.push(String(value));
  }
  return runtime.keyOfValues(values);
}
