import { InvalidStateError, UnknownAttributeError } from '../errors.js';
import { dayjs } from '../protocol/datetime.js';
import { setOwn } from '../protocol/own-record.js';
import type { AnyAttributeName, AttributeValue, Entity, EntityState } from '../contract/entity-types.js';
import { GROUP, LOCAL, NOT_SET, REMOTE, RUNTIME, STATE, VIEWS } from './entity-internals.js';
import { pathSegment } from '../query/quote.js';
import { guardUnknownAttributes } from './attribute-guard.js';
import { slotValue } from './slots.js';
import type { TypeRuntime } from './type-runtime.js';
import type { SignalOptions } from '../contract/signal-options.js';
import { INSPECT } from '../contract/inspect-symbol.js';

/**
 * Base class of every entity object. Per-type subclasses (built from the schema by
 * `buildEntityClass`) add one accessor per attribute on their prototype; the values live in
 * symbol-keyed slot arrays. Attributes whose names are protected (`then`, `$…`, `constructor`,
 * `toString`…, see `isProtectedName`) get no accessor, so they never shadow these members;
 * `$get` / `$set` reach every attribute.
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
  $isLoaded(attribute: AnyAttributeName<this>): boolean {
    const slot = this.#attribute(attribute);
    return slotValue(this, slot) !== NOT_SET;
  }

  /**
   * The attribute's value, loading it first when it is not loaded (never for created entities).
   * Works for every attribute, including protected names (`then`, `constructor`, `$type`…) and
   * names that are not identifiers (written in backticks in the query).
   * @example await task.$get('status') // select status.id from Task where id is "…"
   * @example await thing.$get('my-attr') // select `my-attr` from Thing where id is "…"
   * @example await task.$get('status', { signal }) // aborting rejects with RequestAbortedError
   */
  async $get<K extends AnyAttributeName<this>>(attribute: K, options: SignalOptions = {}): Promise<AttributeValue<this, K>> {
    const slot = this.#attribute(attribute);
    if (slotValue(this, slot) === NOT_SET && this[STATE] !== 'created') {
      await this[RUNTIME].context.load([this], [pathSegment(slot.name)], { signal: options.signal });
    }
    return this[RUNTIME].accessors[slot.ordinal]!.get.call(this) as AttributeValue<this, K>;
  }

  /**
   * Assigns an attribute, exactly as `entity[name] = value` does for names that are properties;
   * the way to write attributes with protected names (`then`, `constructor`, `$type`…).
   * @example thing.$set('then', 'later') // commit: {"action": "update", "entity_type": "Thing", "entity_data": {"then": "later"}, …}
   */
  $set<K extends AnyAttributeName<this>>(attribute: K, value: AttributeValue<this, K>): void {
    const slot = this.#attribute(attribute);
    this[RUNTIME].accessors[slot.ordinal]!.set.call(this, value);
  }

  /**
   * Loads attributes or dotted paths that are not loaded yet and resolves to this entity.
   * With a signal, pass the paths as one array: `$load(['status.name'], { signal })`.
   * @example await task.$load('status.name', 'parent') // select status.name, parent.context_type, … from Task where id is "…"
   */
  async $load(...args: readonly unknown[]): Promise<this> {
    const { paths, signal } = loadArguments(args);
    if (this[STATE] !== 'created' && paths.length > 0) await this[RUNTIME].context.load([this], paths, { signal });
    return this;
  }

  /** Loaded values as JSON: references and collection members become `{__entity_type__, <pk>}`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { __entity_type__: this.$type };
    for (const attribute of this[RUNTIME].attributes) {
      const value = slotValue(this, attribute);
      if (value === NOT_SET) continue;
      setOwn(out, attribute.name, Array.isArray(value) ? value.map(jsonValue) : jsonValue(value));
    }
    return out;
  }

  /** Node's `util.inspect` calls this with `inspect` itself (no `node:util` import needed). */
  [INSPECT](depth: number, options: object, inspect?: InspectFunction): string {
    const loaded: string[] = [];
    for (const attribute of this[RUNTIME].attributes) {
      const value = slotValue(this, attribute);
      if (value === NOT_SET) continue;
      loaded.push(`${attribute.name}: ${inspectValue(value, depth, options, inspect)}`);
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

// Assigning a name that is not an attribute throws `UnknownAttributeError` (see attribute-guard.ts).
guardUnknownAttributes(BaseEntity.prototype, [REMOTE, LOCAL, STATE, VIEWS, GROUP]);

/** `$load('a', 'b')`, `$load(['a', 'b'], { signal })` (or a trailing options object). */
function loadArguments(args: readonly unknown[]): { paths: string[]; signal: AbortSignal | undefined } {
  const last = args[args.length - 1];
  const hasOptions = args.length > 0 && typeof last === 'object' && last !== null && !Array.isArray(last);
  const rest = hasOptions ? args.slice(0, -1) : args;
  const paths = (rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest) as string[];
  return { paths, signal: hasOptions ? (last as SignalOptions).signal : undefined };
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
  for (const attribute of entity[RUNTIME].primaryKey) setOwn(reference, attribute.name, slotValue(entity, attribute));
  return reference;
}

function jsonValue(value: unknown): unknown {
  return isEntity(value) ? entityReference(value) : value;
}

/** Node's `util.inspect`, as passed to a custom inspect method. */
type InspectFunction = (value: unknown, options: object) => string;

function inspectValue(value: unknown, depth: number, options: object, inspect: InspectFunction = jsonText): string {
  if (isEntity(value)) return entityLabel(value);
  if (dayjs.isDayjs(value)) return `dayjs.utc('${value.toISOString()}')`;
  if (Array.isArray(value)) return `[${value.map((item) => (isEntity(item) ? entityLabel(item) : inspect(item, { ...options, depth: 0 }))).join(', ')}]`;
  return inspect(value, { ...options, depth: Math.min(depth, 1) });
}

/** A value as JSON, where there is no `util.inspect` (browsers). */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
