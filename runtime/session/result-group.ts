import type { BaseEntity } from './base-entity.js';
import { GROUP } from './entity-internals.js';

/**
 * The entities one query result (all its pages) or one lazy load returned. A lazy load for one of
 * them is extended to the others still missing the attribute (cross-result batching). An entity
 * belongs to the latest group it was returned in (kept in its own `GROUP` slot: no side table).
 */
export class ResultGroup {
  readonly members: BaseEntity[] = [];

  /** Adds entities (each leaves its previous group). */
  add(entities: Iterable<BaseEntity>): void {
    const members = this.members;
    if (Array.isArray(entities)) {
      // Sized up front (no growth copies), trimmed when an entity came twice.
      let length = members.length;
      members.length = length + entities.length;
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
}

/** The group `entity` was last returned in, if any. */
export function resultGroupOf(entity: BaseEntity): ResultGroup | undefined {
  return (entity[GROUP] as ResultGroup | null) ?? undefined;
}
