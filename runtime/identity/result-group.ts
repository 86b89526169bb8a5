import type { BaseEntity } from '../entity/base-entity.js';
import { GROUP } from '../entity/entity-internals.js';
import type { Lease, TransientEntities } from './transient-entities.js';

/** How a read holds its entities: `'all'` for the session's life (default), `'none'` for the page they came in. */
export type Retain = 'all' | 'none';

/**
 * The entities one query result (all its pages) or one lazy load returned. A lazy load for one of
 * them is extended to the others still missing the attribute (cross-result batching). An entity
 * belongs to the latest group it was returned in (kept in its own `GROUP` slot: no side table).
 *
 * A group of a `retain: 'none'` read covers one page and is released when the iteration leaves
 * that page: it forgets its members (and so do the groups lazy loads reached from them), so an
 * entity kept from an earlier page never keeps the rest of its page alive, and its lease takes
 * the entities the page put in the identity map out again.
 */
export class ResultGroup {
  readonly members: BaseEntity[] = [];
  #lease: Lease | undefined;
  /** Groups of entities that lazy loads reached from this one's members (bounded groups only). */
  #dependents: ResultGroup[] | undefined;
  #released = false;

  /** A group of a read with `retain`; a group reached from `source` is released with it. */
  constructor(
    readonly retain: Retain = 'all',
    source?: ResultGroup,
  ) {
    if (source === undefined || source.retain !== 'none') return;
    this.retain = 'none';
    if (source.#released) this.#released = true;
    else (source.#dependents ??= []).push(this);
  }

  /** True once `release()` ran: the group no longer extends loads. */
  get released(): boolean {
    return this.#released;
  }

  /** The lease holding the entities this (bounded) page puts in the identity map; released with the group. */
  leaseFrom(transient: TransientEntities): Lease {
    this.#lease ??= transient.lease();
    if (this.#released) this.#lease.release();
    return this.#lease;
  }

  /** Adds entities (each leaves its previous group); a released group stays empty. */
  add(entities: Iterable<BaseEntity>): void {
    if (this.#released) return;
    const members = this.members;
    if (Array.isArray(entities) && members.length === 0) {
      // A first page: sized up front (no growth copies), trimmed when an entity came twice. Later
      // pages push (amortised growth): resizing by length would copy every earlier member per page.
      let length = 0;
      members.length = entities.length;
      for (let i = 0; i < entities.length; i++) {
        const entity = entities[i] as BaseEntity;
        if (entity[GROUP] === this) continue;
        entity[GROUP] = this;
        members[length++] = entity;
      }
      members.length = length;
      return;
    }
    for (const entity of entities) {
      if (entity[GROUP] === this) continue;
      entity[GROUP] = this;
      members.push(entity);
    }
  }

  /** Forgets every member, and the dependents' members; later loads of them load only what is asked. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.members.length = 0;
    this.#lease?.release();
    const dependents = this.#dependents;
    this.#dependents = undefined;
    if (dependents !== undefined) for (const group of dependents) group.release();
  }
}

/** The group `entity` was last returned in, if any. */
export function resultGroupOf(entity: BaseEntity): ResultGroup | undefined {
  return (entity[GROUP] as ResultGroup | null) ?? undefined;
}
