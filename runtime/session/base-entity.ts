import { inspect } from 'node:util';
import { InvalidStateError, UnknownAttributeError } from '../errors.js';
import { dayjs } from '../protocol/datetime.js';
import type { AttributeName, Entity, EntityState } from './entity-types.js';
import { GROUP, LOCAL, NOT_SET, REMOTE, RUNTIME, STATE, VIEWS } from './entity-internals.js';
import { slotValue } from './slots.js';
import type { TypeRuntime } from './type-runtime.js';

/**
 * Base class of every entity object. Per-type subclasses (built from the schema by
 * `buildEntityClass`) add one accessor per attribute on their prototype; the values live in
 * symbol-keyed slot arrays, so attribute names never collide with these `$` members.
 */
export abstract class BaseEntity implements Entity<string> {
  // Declared, then assigned in the constructor (plain stores, one shape for every entity).
  declare [REMOTE]: unknown[];
  declare [LOCAL]: unknown[] | null;
  declare [STATE]: EntityState;
  declare [VIEWS]: unknown[] | null;
  declare [GROUP]: object | null;
  declare readonly [RUNTIME]: TypeRuntime;

  constructor(slotCount: number) {
    this[REMOTE] = new Array<unknown>(slotCount);
    this[LOCAL] = null;
    this[STATE] = 'unchanged';
    this[VIEWS] = null;
    this[GROUP] = null;
  }

  /** The concrete entity type, e.g. `'Shot'`. */
  get $type(): string {
    return this[RUNTIME].name;
  }

  /** `'created' | 'modified' | 'deleted' | 'unchanged'`. */
  get $state(): EntityState {
    return this[STATE];
  }

  /** The type's attribute names (restricted, filter-only ones excluded), sorted. */
  $keys(): string[] {
    return [...this[RUNTIME].keys];
  }

  /** Primary-key values in schema order, as strings. */
  $primaryKey(): string[] {
    return this[RUNTIME].primaryKey.map((attribute) => {
      const value = slotValue(this, attribute);
      if (value === NOT_SET || value === null) {
        throw new InvalidStateError(`${this.$type} has no value for its primary-key attribute "${attribute.name}".`, {
          cause: { entityType: this.$type, attribute: attribute.name },
        });
      }
      return String(value);
    });
  }

  /** True when the attribute has a local or remote value. */
  $isLoaded(attribute: AttributeName<this>): boolean {
    const slot = this.#attribute(attribute);
    return slotValue(this, slot) !== NOT_SET;
  }

  /**
   * The attribute's value, loading it first when it is not loaded (never for created entities).
   * @example await task.$get('status') // select status.id from Task where id is "…"
   */
  async $get<K extends AttributeName<this>>(attribute: K): Promise<this[K]> {
    const slot = this.#attribute(attribute);
    if (slotValue(this, slot) === NOT_SET && this[STATE] !== 'created') {
      await this[RUNTIME].context.load([this], [attribute]);
    }
    return this[attribute];
  }

  /**
   * Loads attributes or dotted paths that are not loaded yet and resolves to this entity.
   * @example await task.$load('status.name', 'parent') // select status.name, parent.context_type, … from Task where id is "…"
   */
  async $load(...paths: readonly string[]): Promise<this> {
    if (this[STATE] !== 'created' && paths.length > 0) await this[RUNTIME].context.load([this], paths);
    return this;
  }

  /** Loaded values as JSON: references and collection members become `{__entity_type__, <pk>}`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { __entity_type__: this.$type };
    for (const attribute of this[RUNTIME].attributes) {
      const value = slotValue(this, attribute);
      if (value === NOT_SET) continue;
      out[attribute.name] = Array.isArray(value) ? value.map(jsonValue) : jsonValue(value);
    }
    return out;
  }

  [inspect.custom](depth: number, options: { stylize(text: string, style: string): string }): string {
    const loaded: string[] = [];
    for (const attribute of this[RUNTIME].attributes) {
      const value = slotValue(this, attribute);
      if (value === NOT_SET) continue;
      loaded.push(`${attribute.name}: ${inspectValue(value, depth, options)}`);
    }
    const state = this[STATE] === 'unchanged' ? '' : ` <${this[STATE]}>`;
    return `${this.$type}${state} { ${loaded.join(', ')} }`;
  }

  #attribute(name: string) {
    const slot = this[RUNTIME].byName.get(name);
    if (slot === undefined) throw new UnknownAttributeError(this.$type, name);
    return slot;
  }
}

/** True for entity objects of any session. */
export function isEntity(value: unknown): value is BaseEntity {
  return value instanceof BaseEntity;
}

/** Short label `Type(pk…)` for messages and inspection. */
export function entityLabel(entity: BaseEntity): string {
  const keys = entity[RUNTIME].primaryKey.map((a) => {
    const value = slotValue(entity, a);
    return value === NOT_SET ? '?' : String(value);
  });
  return `${entity.$type}(${keys.join(', ')})`;
}

/** The wire reference of an entity: `{"__entity_type__": "Task", "id": "…"}`. */
export function entityReference(entity: BaseEntity): Record<string, unknown> {
  const reference: Record<string, unknown> = { __entity_type__: entity.$type };
  for (const attribute of entity[RUNTIME].primaryKey) reference[attribute.name] = slotValue(entity, attribute);
  return reference;
}

function jsonValue(value: unknown): unknown {
  return isEntity(value) ? entityReference(value) : value;
}

function inspectValue(value: unknown, depth: number, options: object): string {
  if (isEntity(value)) return entityLabel(value);
  if (dayjs.isDayjs(value)) return `dayjs.utc('${value.toISOString()}')`;
  if (Array.isArray(value)) return `[${value.map((item) => (isEntity(item) ? entityLabel(item) : inspect(item, { ...options, depth: 0 }))).join(', ')}]`;
  return inspect(value, { ...options, depth: Math.min(depth, 1) });
}
