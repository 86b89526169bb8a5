import type { BaseEntity } from './base-entity.js';

const groups = new WeakMap<BaseEntity, ResultGroup>();

/**
 * The entities one query result (all its pages) or one lazy load returned. A lazy load for one of
 * them is extended to the others still missing the attribute (cross-result batching). An entity
 * belongs to the latest group it was returned in.
 */
export class ResultGroup {
  readonly members: BaseEntity[] = [];

  /** Adds entities (each leaves its previous group). */
  add(entities: Iterable<BaseEntity>): void {
    for (const entity of entities) {
      if (groups.get(entity) === this) continue;
      groups.set(entity, this);
      this.members.push(entity);
    }
  }
}

/** The group `entity` was last returned in, if any. */
export function resultGroupOf(entity: BaseEntity): ResultGroup | undefined {
  return groups.get(entity);
}
