import type { BaseEntity } from './base-entity.js';

const CACHE_SIZE = 64; // a power of two

/**
 * One type's share of the identity map: identity key → entity, a `Map` with a small
 * direct-mapped cache in front of `get`. Query results refer to the same few entities over and
 * over (statuses, projects, users) by ids that arrive as new strings each time; the cache
 * answers those repeats with one string comparison instead of a hash-table lookup. It only ever
 * holds entries the map holds: `set`, `delete` and `clear` keep it in step.
 */
export class EntityPartition extends Map<string, BaseEntity> {
  readonly #keys = new Array<string | undefined>(CACHE_SIZE).fill(undefined);
  readonly #values = new Array<BaseEntity | undefined>(CACHE_SIZE).fill(undefined);

  override get(key: string): BaseEntity | undefined {
    const slot = cacheSlot(key);
    if (this.#keys[slot] === key) return this.#values[slot];
    const found = super.get(key);
    if (found !== undefined) {
      this.#keys[slot] = key;
      this.#values[slot] = found;
    }
    return found;
  }

  override set(key: string, entity: BaseEntity): this {
    const slot = cacheSlot(key);
    this.#keys[slot] = key;
    this.#values[slot] = entity;
    return super.set(key, entity);
  }

  override delete(key: string): boolean {
    const slot = cacheSlot(key);
    if (this.#keys[slot] === key) {
      this.#keys[slot] = undefined;
      this.#values[slot] = undefined;
    }
    return super.delete(key);
  }

  override clear(): void {
    this.#keys.fill(undefined);
    this.#values.fill(undefined);
    super.clear();
  }
}

/** Cache slot of a key, from its length and a few of its characters (ids differ most at the end). */
function cacheSlot(key: string): number {
  const n = key.length;
  if (n < 2) return n === 0 ? 0 : key.charCodeAt(0) & (CACHE_SIZE - 1);
  return (n * 7 + key.charCodeAt(n - 1) * 31 + key.charCodeAt(n - 2) * 17 + key.charCodeAt(n >> 1)) & (CACHE_SIZE - 1);
}
